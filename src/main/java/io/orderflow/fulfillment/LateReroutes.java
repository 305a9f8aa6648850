package io.orderflow.fulfillment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.LineQuantity;
import io.orderflow.inventory.RoutingPlan;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A service agent takes a late fulfillment order away from its location: it is canceled there first (its stock
 * released, the location told by {@code fulfillment_order.canceled}), then its lines are routed again as a
 * rejected one's are, never to that location nor to one that rejected a fulfillment order of the order. What no
 * location has stays unallocated for the order to backorder.
 */
@Service
public class LateReroutes {

	private final FulfillmentOrders fulfillmentOrders;

	private final FulfillmentOrderRepository repository;

	private final Inventory inventory;

	private final Orders orders;

	LateReroutes(FulfillmentOrders fulfillmentOrders, FulfillmentOrderRepository repository, Inventory inventory,
			Orders orders) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.repository = repository;
		this.inventory = inventory;
		this.orders = orders;
	}

	/**
	 * @return the fulfillment orders that took over its lines (possibly none); none when it was re-routed before
	 * @throws StateConflictException when it has shipped, or was rejected: nothing changes
	 */
	@Transactional
	public List<UUID> reroute(UUID fulfillmentOrderId, String actor) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		String reason = "late at " + fo.locationId() + ", re-routed by " + actor;
		boolean canceled;
		try {
			canceled = fulfillmentOrders.cancel(fulfillmentOrderId, reason, actor);
		}
		catch (FulfillmentOrderStateException notAnyMore) {
			throw new StateConflictException(notAnyMore.getMessage() + " (not re-routed)");
		}
		if (!canceled) {
			return List.of();
		}
		Order order = fulfillmentOrders.lockOrder(fo.orderId());
		Set<String> excluded = new HashSet<>(repository.rejectingLocations(order.id()));
		excluded.add(fo.locationId());
		List<LineQuantity> demand = fo.lines()
			.stream()
			.map(line -> new LineQuantity(line.lineNumber(), line.sku(), line.quantity()))
			.toList();
		RoutingPlan plan = inventory.allocate(demand, FulfillmentOrders.destination(order, null), excluded);
		List<UUID> created = fulfillmentOrders.createFulfillmentOrders(orders.require(order.id()), plan,
				fo.reshipmentId(), actor, "Re-routed from late fulfillment order " + fo.number() + ":");
		fulfillmentOrders.recordBackorder(order, plan, fo.reshipmentId(), actor);
		return created;
	}

}
