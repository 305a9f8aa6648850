package io.orderflow.inventory;

import java.util.List;

/** What one location ships of an order: one fulfillment order. Lines are ordered by line number. */
public record Shipment(String locationId, List<LineQuantity> lines) {

	public Shipment {
		lines = List.copyOf(lines);
	}

	public int quantity() {
		return lines.stream().mapToInt(LineQuantity::quantity).sum();
	}

}
