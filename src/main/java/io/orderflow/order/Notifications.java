package io.orderflow.order;

import java.util.Map;
import java.util.UUID;

/**
 * Tells the customer what happened to their order. Each message goes on the order's timeline and out as the event
 * {@code customer.notified}, which the e-mail sender (and any other channel) follows once the change committed.
 */
public interface Notifications {

	/** Tells the customer: {@code detail} is the message's particulars in English, as the timeline shows them. */
	default void notifyCustomer(UUID orderId, CustomerMessage message, String detail) {
		notifyCustomer(orderId, message, detail, Map.of());
	}

	/**
	 * Tells the customer, with the particulars also as {@code facts} (see {@link Fact}), from which a message in the
	 * customer's own language is written.
	 */
	void notifyCustomer(UUID orderId, CustomerMessage message, String detail, Map<Fact, String> facts);

	/** The particulars a message may carry, each a plain value (an amount as {@code 12.50}, not formatted). */
	enum Fact {

		UNITS, CARRIER, TRACKING_NUMBER, AMOUNT, CURRENCY, RMA_NUMBER, LOCATION

	}

	enum CustomerMessage {

		ORDER_CONFIRMED("Your order %s is confirmed"), ORDER_REJECTED("We could not accept your order %s"),
		SHIPPED_WHOLE("Your order %s is on its way"), SHIPPED_PART("Part of your order %s is on its way"),
		SHIPPED_REST("The rest of your order %s is on its way"), DELIVERED_WHOLE("Your order %s has been delivered"),
		DELIVERED_PART("A parcel of your order %s has been delivered"), CANCELED("Your order %s is canceled"),
		ITEMS_CANCELED("Items of your order %s are canceled"),
		NOT_CANCELED("Your order %s had already shipped, so nothing could be canceled"),
		RETURN_APPROVED("Your return for order %s is approved"), REFUNDED("We refunded money for your order %s"),
		APPEASED("We credited you for your order %s"), DELIVERY_FAILED("We could not deliver your order %s"),
		REDELIVERY("Your order %s is on its way again"), SENT_AGAIN("We are sending items of your order %s again"),
		PARCEL_RETURNING("Your parcel of order %s is on its way back to us");

		private final String template;

		CustomerMessage(String template) {
			this.template = template;
		}

		public String text(String orderNumber) {
			return template.formatted(orderNumber);
		}

		/** A parcel of so many units left: the whole order, a part of it, or the rest of it. */
		public static CustomerMessage shipped(Order order, int parcelUnits) {
			int units = units(order);
			if (parcelUnits >= units) {
				return SHIPPED_WHOLE;
			}
			return order.lines().stream().mapToInt(line -> line.quantities().fulfilled()).sum() >= units ? SHIPPED_REST
					: SHIPPED_PART;
		}

		/** A parcel of so many units arrived: the whole order, or a parcel of it. */
		public static CustomerMessage delivered(Order order, int parcelUnits) {
			return parcelUnits >= units(order) ? DELIVERED_WHOLE : DELIVERED_PART;
		}

		private static int units(Order order) {
			return order.lines().stream().mapToInt(line -> line.quantities().netOrdered()).sum();
		}

	}

}
