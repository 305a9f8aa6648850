package io.orderflow.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an order's lines ship from: one {@link PlannedShipment} per location, and what no location can ship
 * ({@code backordered}: line number → units).
 */
public record RoutingPlan(List<PlannedShipment> shipments, Map<Integer, Integer> backordered) {

	public RoutingPlan {
		shipments = List.copyOf(shipments);
		backordered = Collections.unmodifiableMap(new TreeMap<>(backordered));
	}

	public static RoutingPlan nothing(List<LineQuantity> demand) {
		Map<Integer, Integer> backordered = new TreeMap<>();
		demand.stream()
			.filter(line -> line.quantity() > 0)
			.forEach(line -> backordered.merge(line.lineNumber(), line.quantity(), Integer::sum));
		return new RoutingPlan(List.of(), backordered);
	}

	public boolean fullyCovered() {
		return backordered.isEmpty();
	}

	public int allocatedUnits() {
		return shipments.stream().mapToInt(PlannedShipment::quantity).sum();
	}

}
