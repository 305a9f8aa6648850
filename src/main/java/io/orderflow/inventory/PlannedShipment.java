package io.orderflow.inventory;

import java.util.List;

/** What one location ships of an order: one fulfillment order. Lines are ordered by line number. */
public record PlannedShipment(String locationId, List<LineQuantity> lines) {

	public PlannedShipment {
		lines = List.copyOf(lines);
	}

	public int quantity() {
		return lines.stream().mapToInt(LineQuantity::quantity).sum();
	}

}
