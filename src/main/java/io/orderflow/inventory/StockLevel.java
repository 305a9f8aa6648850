package io.orderflow.inventory;

/**
 * Stock of one SKU at one location. What may be promised, {@code available}, is what is on hand less what
 * is reserved and the safety stock, never below zero (a count below what is reserved leaves it at zero).
 */
public record StockLevel(String locationId, String sku, int onHand, int reserved, int safetyStock) {

	/** Stock without safety stock. */
	public StockLevel(String locationId, String sku, int onHand, int reserved) {
		this(locationId, sku, onHand, reserved, 0);
	}

	public int available() {
		return Math.max(0, onHand - reserved - safetyStock);
	}

}
