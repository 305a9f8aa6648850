package io.orderflow.inventory;

import java.util.List;

/**
 * More of these SKUs may be promised at a location than before (goods received, a count or snapshot higher
 * than the last): orders waiting for them can be allocated again. Published with the change, one event per
 * change (a snapshot's chunk of a thousand rows is one).
 */
public record StockArrived(String locationId, List<String> skus) {

	public StockArrived {
		skus = List.copyOf(skus);
	}

}
