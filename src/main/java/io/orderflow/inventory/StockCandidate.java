package io.orderflow.inventory;

import java.util.Map;

/** A location routing may ship from, with the stock available there per SKU ({@code on_hand - reserved}). */
public record StockCandidate(Location location, Map<String, Integer> available) {

	public StockCandidate {
		available = Map.copyOf(available);
	}

	public int available(String sku) {
		return Math.max(0, available.getOrDefault(sku, 0));
	}

}
