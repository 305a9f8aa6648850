package io.orderflow.fulfillment;

import io.orderflow.testsupport.PostgresTest;

/** Orders racing for the same stock on the real PostgreSQL server. */
@PostgresTest
class FulfillmentOrdersConcurrencyPostgresTest extends FulfillmentOrdersConcurrencyTest {

}
