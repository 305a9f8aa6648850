package io.orderflow.fulfillment;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.order.UnknownOrderException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order's status while it is being fulfilled, derived from its quantities and its fulfillment
 * orders: BACKORDERED, ALLOCATED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED. The models also ask it
 * whether anything is left to allocate ({@code ${orderProgress.hasUnallocated(orderId)}}).
 * <p>
 * Every refresh locks the order's row first and only then reads the lines and fulfillment orders, so that
 * it derives from what is committed: two transactions that change one order (a cancellation and a shipment
 * of different fulfillment orders, say) refresh one after the other, and the later sees what the earlier did.
 */
@Component("orderProgress")
public class OrderProgress {

	/** Statuses derive() does not move: Capture's own (its cancellations settle them), and a refused order. */
	private static final Set<OrderStatus> NOT_IN_FULFILLMENT = EnumSet.of(OrderStatus.RECEIVED, OrderStatus.ON_HOLD,
			OrderStatus.REJECTED);

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

	/**
	 * Moves the order to the status its quantities and fulfillment orders say it has. Locks the order's row for the
	 * rest of the caller's transaction, then reads. An order still in Capture (RECEIVED, ON_HOLD) or REJECTED keeps
	 * its status unless nothing of it is left (CANCELED).
	 * @throws UnknownOrderException when there is no such order
	 */
	@Transactional
	public OrderStatus refresh(UUID orderId, String actor) {
		if (!orders.lock(orderId)) {
			throw new UnknownOrderException(orderId);
		}
		Order order = orders.require(orderId);
		OrderStatus status = derive(order.lines(), fulfillmentOrders.ofOrder(orderId));
		if (NOT_IN_FULFILLMENT.contains(order.status()) && status != OrderStatus.CANCELED) {
			return order.status();
		}
		orders.changeStatus(orderId, status, actor, describe(status));
		return status;
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

	/**
	 * The status the quantities and fulfillment orders say. A reshipment has a status of its own: its parcels do
	 * not move the order's, except those that send again the units of an UNDELIVERED fulfillment order. While
	 * such units are neither back at the sender (counted as returned, then refunded) nor delivered by a
	 * reshipment, the order is not DELIVERED: it stays SHIPPED.
	 */
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
			.filter(fo -> !fo.reshipment())
			.filter(fo -> fo.status() == FulfillmentOrderStatus.SHIPPED || fo.status() == FulfillmentOrderStatus.DELIVERED)
			.allMatch(fo -> fo.status() == FulfillmentOrderStatus.DELIVERED);
		if (fulfilled == net) {
			return allShippedDelivered && !undeliveredUnresolved(lines, fulfillmentOrders) ? OrderStatus.DELIVERED
					: OrderStatus.SHIPPED;
		}
		if (fulfilled > 0) {
			return OrderStatus.PARTIALLY_SHIPPED;
		}
		if (allocated < net) {
			return OrderStatus.BACKORDERED;
		}
		return OrderStatus.ALLOCATED;
	}

	/**
	 * Whether some line has units of an UNDELIVERED fulfillment order (not a reshipment's) that neither came back
	 * (the line's returned units) nor were delivered by a reshipment's fulfillment order.
	 */
	static boolean undeliveredUnresolved(List<OrderLine> lines, List<FulfillmentOrder> fulfillmentOrders) {
		Map<Integer, Integer> open = new HashMap<>();
		for (FulfillmentOrder fo : fulfillmentOrders) {
			if (fo.status() == FulfillmentOrderStatus.UNDELIVERED && !fo.reshipment()) {
				fo.lines().forEach(line -> open.merge(line.lineNumber(), line.quantity(), Integer::sum));
			}
			else if (fo.status() == FulfillmentOrderStatus.DELIVERED && fo.reshipment()) {
				fo.lines().forEach(line -> open.merge(line.lineNumber(), -line.quantity(), Integer::sum));
			}
		}
		for (OrderLine line : lines) {
			open.merge(line.lineNumber(), -line.quantities().returned(), Integer::sum);
		}
		return open.values().stream().anyMatch(units -> units > 0);
	}

}
