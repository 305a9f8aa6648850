package io.orderflow.inventory;

/** Stock of one SKU at one location; {@code available = onHand - reserved}. */
public record StockLevel(String locationId, String sku, int onHand, int reserved) {

	public int available() {
		return onHand - reserved;
	}

}
