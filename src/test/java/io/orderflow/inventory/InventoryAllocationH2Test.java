package io.orderflow.inventory;

import io.orderflow.testsupport.H2Test;

/** Reservations and allocation on H2. */
@H2Test
class InventoryAllocationH2Test extends InventoryAllocationTest {

}
