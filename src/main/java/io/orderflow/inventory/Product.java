package io.orderflow.inventory;

import java.util.Map;

/**
 * A sellable SKU. Orders may only contain SKUs the catalog knows and that are {@code active}; an inactive
 * one stays on the orders that have it.
 * @param weightGrams the shipping weight, or null when unknown
 * @param attributes what the catalog says of it (colour, size, ...), never null
 */
public record Product(String sku, String name, boolean returnable, boolean active, Integer weightGrams,
		Map<String, String> attributes) {

	public Product {
		attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
	}

	/** An active product without weight or attributes. */
	public Product(String sku, String name, boolean returnable) {
		this(sku, name, returnable, true, null, Map.of());
	}

}
