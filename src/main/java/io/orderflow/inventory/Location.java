package io.orderflow.inventory;

import java.math.BigDecimal;

/**
 * A warehouse or store. Routing prefers locations with a lower {@code priority} number; coordinates,
 * where known, break ties by distance to the shipping address.
 */
public record Location(String id, String name, LocationType type, int priority, String country, BigDecimal latitude,
		BigDecimal longitude, boolean active) {
}
