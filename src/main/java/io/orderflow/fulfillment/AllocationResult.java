package io.orderflow.fulfillment;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What an allocation did: the fulfillment orders it created (possibly none) and, per order line number,
 * the units no location could take (backordered; empty when everything was allocated).
 */
public record AllocationResult(List<UUID> fulfillmentOrderIds, Map<Integer, Integer> backorderedByLineNumber) {

	public AllocationResult {
		fulfillmentOrderIds = List.copyOf(fulfillmentOrderIds);
		backorderedByLineNumber = Collections.unmodifiableMap(new TreeMap<>(backorderedByLineNumber));
	}

	static AllocationResult nothingToAllocate() {
		return new AllocationResult(List.of(), Map.of());
	}

	/** Nothing is left unallocated after this allocation. */
	public boolean fullyAllocated() {
		return backorderedByLineNumber.isEmpty();
	}

	public int backorderedUnits() {
		return backorderedByLineNumber.values().stream().mapToInt(Integer::intValue).sum();
	}

}
