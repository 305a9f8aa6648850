package io.orderflow.inventory;

/**
 * A quantity of one order line: what routing is asked to place, and what it places at a location.
 * {@code lineNumber} is the order line's number.
 */
public record LineQuantity(int lineNumber, String sku, int quantity) {

	public LineQuantity {
		if (sku == null || sku.isBlank()) {
			throw new IllegalArgumentException("A line quantity needs a SKU");
		}
		if (quantity < 0) {
			throw new IllegalArgumentException("Negative quantity " + quantity + " for line " + lineNumber);
		}
	}

}
