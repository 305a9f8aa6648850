package io.orderflow.cancellation;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class CancellationApiPostgresTest extends CancellationApiTest {

}
