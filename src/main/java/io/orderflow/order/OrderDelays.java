package io.orderflow.order;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which of an order's fulfillment orders are late: not shipped by their location, or not delivered by their carrier,
 * within the limits of their delivery method. The order shows it but does not own it; the fulfillment module
 * answers (it depends on the order module, never the other way round).
 */
public interface OrderDelays {

	/** One late fulfillment order: its number, the stage it is late in, the deadline it missed and since when. */
	record LateFulfillmentOrder(String fulfillmentOrderNumber, Stage stage, OffsetDateTime deadline,
			OffsetDateTime lateSince) {
	}

	/** Released and not shipped in time (SHIPMENT), or shipped and not delivered in time (DELIVERY). */
	enum Stage {

		SHIPMENT, DELIVERY

	}

	/** The order's late fulfillment orders, in the order they were created; none when nothing is late. */
	List<LateFulfillmentOrder> of(UUID orderId);

	/**
	 * The late fulfillment orders of each of these orders (a page of a search), by order id, each as {@link #of}
	 * answers it; in one look-up for the page, and further ones only for the orders that are late.
	 */
	Map<UUID, List<LateFulfillmentOrder>> ofOrders(Collection<UUID> orderIds);

}
