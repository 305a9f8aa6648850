package io.orderflow.inventory;

/**
 * A reservation found less stock than its plan counted on: another order took it meanwhile. Rolls the
 * attempt back to its savepoint; the allocation re-plans with fresh stock.
 */
class StockTakenException extends RuntimeException {

	StockTakenException(String locationId, String sku, int quantity) {
		super("Fewer than " + quantity + " × " + sku + " available at " + locationId);
	}

}
