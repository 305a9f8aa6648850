package io.orderflow.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of outbound events: each type's name on the wire and the version of its data. Adding a field
 * keeps the version (consumers ignore what they do not know); removing or changing one makes a new version.
 * Each has a JSON Schema in {@code docs/events/}.
 */
public enum EventType {

	ORDER_CREATED("order.created"),

	ORDER_STATUS_CHANGED("order.status_changed"),

	ORDER_HELD("order.held"),

	ORDER_RELEASED("order.released"),

	PAYMENT_AUTHORIZED("payment.authorized"),

	PAYMENT_DECLINED("payment.declined"),

	PAYMENT_CAPTURED("payment.captured"),

	PAYMENT_REFUNDED("payment.refunded"),

	PAYMENT_VOIDED("payment.voided"),

	FULFILLMENT_ORDER_RELEASED("fulfillment_order.released"),

	FULFILLMENT_ORDER_PICKED("fulfillment_order.picked"),

	FULFILLMENT_ORDER_PACKED("fulfillment_order.packed"),

	FULFILLMENT_ORDER_SHIPPED("fulfillment_order.shipped"),

	FULFILLMENT_ORDER_REJECTED("fulfillment_order.rejected"),

	FULFILLMENT_ORDER_CANCELED("fulfillment_order.canceled"),

	FULFILLMENT_ORDER_REDUCED("fulfillment_order.reduced"),

	/** An agent held the order while this fulfillment order is at its location: it is to wait. */
	FULFILLMENT_ORDER_HELD("fulfillment_order.held"),

	/** The agent's hold ended: the fulfillment order asked to wait may ship. */
	FULFILLMENT_ORDER_RESUMED("fulfillment_order.resumed"),

	FULFILLMENT_ORDER_LATE("fulfillment_order.late"),

	FULFILLMENT_ORDER_UNDELIVERED("fulfillment_order.undelivered"),

	FULFILLMENT_ORDER_ADDRESS_CHANGE_REQUESTED("fulfillment_order.address_change_requested"),

	SHIPMENT_BOOKED("shipment.booked"),

	SHIPMENT_IN_TRANSIT("shipment.in_transit"),

	SHIPMENT_DELIVERED("shipment.delivered"),

	SHIPMENT_DELIVERY_FAILED("shipment.delivery_failed"),

	SHIPMENT_RETURNED_TO_SENDER("shipment.returned_to_sender"),

	CANCELLATION_COMPLETED("cancellation.completed"),

	RETURN_APPROVED("return.approved"),

	RETURN_REJECTED("return.rejected"),

	RETURN_RECEIVED("return.received"),

	RETURN_REFUNDED("return.refunded"),

	RETURN_CLOSED("return.closed"),

	ADJUSTMENT_CHANGED("adjustment.changed"),

	RESHIPMENT_COMPLETED("reshipment.completed"),

	ADDRESS_CHANGE_COMPLETED("address_change.completed"),

	/** An exchange's returned units did not come back by its deadline. */
	EXCHANGE_EXPIRED("exchange.expired"),

	/** Orderflow told the customer something (the e-mail sender follows these). */
	CUSTOMER_NOTIFIED("customer.notified"),

	INCIDENT_RAISED("incident.raised"),

	INCIDENT_RESOLVED("incident.resolved");

	private final String wireName;

	EventType(String wireName) {
		this.wireName = wireName;
	}

	/** The type as consumers see it, e.g. {@code fulfillment_order.released}. */
	public String wireName() {
		return wireName;
	}

	/** The version of the type's data. */
	public int version() {
		return 1;
	}

	/** The fulfillment-order events, which a subscription may narrow to one location. */
	public boolean aboutFulfillmentOrder() {
		return wireName.startsWith("fulfillment_order.");
	}

	public static Optional<EventType> ofWireName(String wireName) {
		return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
	}

}
