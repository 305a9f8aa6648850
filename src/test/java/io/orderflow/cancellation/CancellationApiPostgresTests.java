package io.orderflow.cancellation;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class CancellationApiPostgresTests extends CancellationApiTests {

}
