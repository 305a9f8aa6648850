package io.orderflow;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class LifecycleApiPostgresTests extends LifecycleApiTests {

}
