package io.orderflow.adjustment;

import io.orderflow.testsupport.PostgresTest;

@PostgresTest
class AdjustmentApiPostgresTest extends AdjustmentApiTest {

}
