package io.orderflow.order;

import java.util.UUID;

/**
 * Tells the customer what happened to their order. The built-in implementation records each message
 * on the order's timeline; a real adapter (e-mail, SMS) replaces it by configuration.
 */
public interface Notifications {

	void notifyCustomer(UUID orderId, CustomerMessage message, String detail);

	enum CustomerMessage {

		ORDER_CONFIRMED("Your order %s is confirmed"), ORDER_REJECTED("We could not accept your order %s"),
		SHIPPED("Part of your order %s is on its way"), DELIVERED("Your parcel of order %s has been delivered"),
		REFUNDED("We refunded money for your order %s");

		private final String template;

		CustomerMessage(String template) {
			this.template = template;
		}

		public String text(String orderNumber) {
			return template.formatted(orderNumber);
		}

	}

}
