package io.orderflow;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class LifecycleApiPostgresTest extends LifecycleApiTest {

}
