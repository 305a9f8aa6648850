package io.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order's status while it is being fulfilled, derived from its quantities and its fulfillment
 * orders: BACKORDERED, ALLOCATED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED. The models also ask it
 * whether anything is left to allocate ({@code ${orderProgress.hasUnallocated(orderId)}}).
 */
@Component("orderProgress")
public class OrderProgress {

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	OrderProgress(Orders orders, FulfillmentOrders fulfillmentOrders) {
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
	}

	/** Whether some line still has units that are neither allocated nor canceled. */
	@Transactional(readOnly = true)
	public boolean hasUnallocated(String orderId) {
		return !fulfillmentOrders.unallocated(UUID.fromString(orderId)).isEmpty();
	}

	/** Moves the order to the status its quantities and fulfillment orders say it has. */
	@Transactional
	public OrderStatus refresh(UUID orderId, String actor) {
		Order order = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("No order " + orderId));
		// a reshipment has a status of its own; its parcels do not move the order's
		OrderStatus status = derive(order.lines(),
				fulfillmentOrders.ofOrder(orderId).stream().filter(fo -> !fo.reshipment()).toList());
		if (status != null) {
			orders.changeStatus(orderId, status, actor, describe(status));
		}
		return status == null ? order.status() : status;
	}

	private static String describe(OrderStatus status) {
		return switch (status) {
			case CANCELED -> "Nothing left to ship: every line is canceled";
			case DELIVERED -> "Every parcel has been delivered";
			case SHIPPED -> "Everything has shipped";
			case PARTIALLY_SHIPPED -> "Part of the order has shipped";
			case BACKORDERED -> "Some lines wait for stock";
			case ALLOCATED -> "Stock reserved for every line";
			default -> "Order is " + status;
		};
	}

	/** The derived status, or null while nothing is allocated, shipped or canceled yet. */
	static OrderStatus derive(List<OrderLine> lines, List<FulfillmentOrder> fulfillmentOrders) {
		int net = 0;
		int allocated = 0;
		int fulfilled = 0;
		for (OrderLine line : lines) {
			net += line.quantities().netOrdered();
			allocated += line.quantities().allocated();
			fulfilled += line.quantities().fulfilled();
		}
		if (net == 0) {
			return OrderStatus.CANCELED;
		}
		boolean allShippedDelivered = fulfillmentOrders.stream()
			.filter(fo -> fo.status() == FulfillmentOrderStatus.SHIPPED || fo.status() == FulfillmentOrderStatus.DELIVERED)
			.allMatch(fo -> fo.status() == FulfillmentOrderStatus.DELIVERED);
		if (fulfilled == net) {
			return allShippedDelivered ? OrderStatus.DELIVERED : OrderStatus.SHIPPED;
		}
		if (fulfilled > 0) {
			return OrderStatus.PARTIALLY_SHIPPED;
		}
		if (allocated < net) {
			return OrderStatus.BACKORDERED;
		}
		return OrderStatus.ALLOCATED;
	}

}
