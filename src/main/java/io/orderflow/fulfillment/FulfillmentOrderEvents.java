package io.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.order.Address;
import io.orderflow.order.DeliveryMethod;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;

import org.springframework.stereotype.Component;

/**
 * The fulfillment-order events ({@code fulfillment_order.released}, {@code .picked}, {@code .packed},
 * {@code .shipped}, {@code .rejected}, {@code .canceled}, {@code .reduced}, {@code .held}, {@code .resumed},
 * {@code .undelivered}), recorded with the change: the fulfillment order as it is now, and for a release what the
 * location needs (its ship-to, {@link FulfillmentShipTos}) to pick and ship it without calling back.
 */
@Component
class FulfillmentOrderEvents {

	/** The data of every fulfillment-order event; ship-to and delivery method on a release. */
	record FulfillmentOrderEvent(UUID fulfillmentOrderId, String number, String locationId,
			FulfillmentOrderStatus status, String reason, String carrier, String trackingNumber, UUID reshipmentId,
			List<FulfillmentOrderLine> lines, Address shipTo, DeliveryMethod deliveryMethod) {
	}

	private final OrderEvents events;

	private final Orders orders;

	private final FulfillmentShipTos shipTos;

	FulfillmentOrderEvents(OrderEvents events, Orders orders, FulfillmentShipTos shipTos) {
		this.events = events;
		this.orders = orders;
		this.shipTos = shipTos;
	}

	/** {@code fo} has moved to {@code status}, for {@code reason} where there is one. */
	void moved(FulfillmentOrder fo, FulfillmentOrderStatus status, String reason) {
		moved(fo, status, reason, fo.carrier(), fo.trackingNumber());
	}

	/** {@code fo} has shipped, or moved on, with this carrier and tracking number. */
	void moved(FulfillmentOrder fo, FulfillmentOrderStatus status, String reason, String carrier,
			String trackingNumber) {
		EventType type = switch (status) {
			case RELEASED -> EventType.FULFILLMENT_ORDER_RELEASED;
			case PICKED -> EventType.FULFILLMENT_ORDER_PICKED;
			case PACKED -> EventType.FULFILLMENT_ORDER_PACKED;
			case SHIPPED -> EventType.FULFILLMENT_ORDER_SHIPPED;
			case REJECTED -> EventType.FULFILLMENT_ORDER_REJECTED;
			case CANCELED -> EventType.FULFILLMENT_ORDER_CANCELED;
			case UNDELIVERED -> EventType.FULFILLMENT_ORDER_UNDELIVERED;
			case CREATED, DELIVERED -> null;
		};
		if (type == null) {
			// created: not yet the location's business; delivered: told by shipment.delivered
			return;
		}
		publish(type, fo, status, reason, carrier, trackingNumber);
	}

	/** The order of {@code fo}, which is at its location, was held by an agent ({@code held}) or released. */
	void hold(FulfillmentOrder fo, boolean held, String reason) {
		publish(held ? EventType.FULFILLMENT_ORDER_HELD : EventType.FULFILLMENT_ORDER_RESUMED, fo, fo.status(), reason,
				fo.carrier(), fo.trackingNumber());
	}

	/** Some of {@code fo}'s units were canceled before it shipped: it holds {@code fo.lines()} now. */
	void reduced(FulfillmentOrder fo, String reason) {
		publish(EventType.FULFILLMENT_ORDER_REDUCED, fo, fo.status(), reason, fo.carrier(), fo.trackingNumber());
	}

	private void publish(EventType type, FulfillmentOrder fo, FulfillmentOrderStatus status, String reason,
			String carrier, String trackingNumber) {
		Order order = status == FulfillmentOrderStatus.RELEASED ? orders.require(fo.orderId()) : null;
		events.publish(fo.orderId(), type,
				new FulfillmentOrderEvent(fo.id(), fo.number(), fo.locationId(), status, reason, carrier, trackingNumber,
						fo.reshipmentId(), fo.lines(), order == null ? null : shipTos.shipTo(fo, order),
						order == null ? null : order.deliveryMethod()));
	}

}
