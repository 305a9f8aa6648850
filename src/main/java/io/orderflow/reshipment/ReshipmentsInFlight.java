package io.orderflow.reshipment;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.service.UnitsInFlight;

import org.springframework.stereotype.Component;

/**
 * Units per line number that open reshipments of an order have asked for and not yet shipped: what has
 * shipped already counts in the order line's {@code reshipped}. Their own requests come from the reshipment
 * tables, what shipped of them from the fulfillment module.
 */
@Component
class ReshipmentsInFlight implements UnitsInFlight {

	private final ReshipmentRepository repository;

	private final FulfillmentOrders fulfillmentOrders;

	ReshipmentsInFlight(ReshipmentRepository repository, FulfillmentOrders fulfillmentOrders) {
		this.repository = repository;
		this.fulfillmentOrders = fulfillmentOrders;
	}

	@Override
	public Map<Integer, Integer> unitsInFlight(UUID orderId) {
		Map<Integer, Integer> pending = repository.openRequested(orderId);
		Set<UUID> open = repository.openIds(orderId);
		if (open.isEmpty()) {
			return pending;
		}
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(orderId)) {
			if (fo.reshipmentId() != null && open.contains(fo.reshipmentId()) && fo.status().shipped()) {
				fo.lines().forEach(line -> pending.merge(line.lineNumber(), -line.quantity(), Integer::sum));
			}
		}
		return pending;
	}

}
