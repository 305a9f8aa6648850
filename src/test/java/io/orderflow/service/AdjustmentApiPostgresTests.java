package io.orderflow.service;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class AdjustmentApiPostgresTests extends AdjustmentApiTests {

}
