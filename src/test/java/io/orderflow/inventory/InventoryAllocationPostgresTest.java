package io.orderflow.inventory;

import io.orderflow.testsupport.PostgresTest;

/** Reservations and allocation on the real PostgreSQL server. */
@PostgresTest
class InventoryAllocationPostgresTest extends InventoryAllocationTest {

}
