package io.orderflow.fulfillment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.orderflow.order.OrderDelays;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The fulfillment stage's answer to which of an order's fulfillment orders are late ({@link FulfillmentDeadlines}). */
@Component
class FulfillmentOrderDelays implements OrderDelays {

	private final FulfillmentDeadlines deadlines;

	private final FulfillmentOrders fulfillmentOrders;

	FulfillmentOrderDelays(FulfillmentDeadlines deadlines, FulfillmentOrders fulfillmentOrders) {
		this.deadlines = deadlines;
		this.fulfillmentOrders = fulfillmentOrders;
	}

	@Override
	@Transactional(readOnly = true)
	public List<LateFulfillmentOrder> of(UUID orderId) {
		Map<UUID, FulfillmentDeadlines.Deadline> byId = deadlines.ofOrder(orderId);
		if (byId.values().stream().allMatch(deadline -> deadline.lateSince() == null)) {
			return List.of();
		}
		List<LateFulfillmentOrder> late = new ArrayList<>();
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(orderId)) {
			FulfillmentDeadlines.Deadline deadline = byId.getOrDefault(fo.id(), FulfillmentDeadlines.Deadline.NONE);
			if (deadline.late(fo.status())) {
				late.add(new LateFulfillmentOrder(fo.number(), deadline.lateStage(),
						deadline.deadline(deadline.lateStage()), deadline.lateSince()));
			}
		}
		return late;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, List<LateFulfillmentOrder>> ofOrders(Collection<UUID> orderIds) {
		Set<UUID> lateOnes = deadlines.ordersLate(orderIds);
		Map<UUID, List<LateFulfillmentOrder>> late = new LinkedHashMap<>();
		orderIds.forEach(id -> late.put(id, lateOnes.contains(id) ? of(id) : List.of()));
		return late;
	}

}
