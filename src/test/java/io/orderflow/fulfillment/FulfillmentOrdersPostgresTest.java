package io.orderflow.fulfillment;

import io.orderflow.testsupport.PostgresTest;

/** Allocation and fulfillment orders on the real PostgreSQL server. */
@PostgresTest
class FulfillmentOrdersPostgresTest extends FulfillmentOrdersTest {

}
