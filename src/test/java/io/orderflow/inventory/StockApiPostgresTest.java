package io.orderflow.inventory;

import io.orderflow.testsupport.PostgresTest;

/** Stock over REST on PostgreSQL. */
@PostgresTest
class StockApiPostgresTest extends StockApiTest {

}
