package io.orderflow.inventory;

import java.math.BigDecimal;

/**
 * A warehouse or store. Routing prefers locations with a lower {@code priority} number; coordinates,
 * where known, break ties by distance to the shipping address. Only an {@code active} location that
 * {@code ships} gets new allocations; what it already holds goes on either way.
 * @param acceptsReturns whether customers may send returns there
 */
public record Location(String id, String name, LocationType type, int priority, String country, BigDecimal latitude,
		BigDecimal longitude, boolean active, boolean ships, boolean acceptsReturns) {

	/** An active location that ships and takes returns. */
	public Location(String id, String name, LocationType type, int priority, String country, BigDecimal latitude,
			BigDecimal longitude, boolean active) {
		this(id, name, type, priority, country, latitude, longitude, active, true, true);
	}

	/** Whether allocation may place new work here. */
	public boolean allocatable() {
		return active && ships;
	}

}
