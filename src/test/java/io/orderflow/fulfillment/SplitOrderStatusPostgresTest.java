package io.orderflow.fulfillment;

import io.orderflow.testsupport.PostgresTest;

/** A split order's status under cancellations and shipments in any order, on the real PostgreSQL server. */
@PostgresTest
class SplitOrderStatusPostgresTest extends SplitOrderStatusTest {

}
