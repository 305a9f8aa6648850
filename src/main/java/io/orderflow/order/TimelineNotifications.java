package io.orderflow.order;

import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The built-in {@link Notifications}: each message to the customer becomes a timeline entry of the order. */
@Component
@ConditionalOnProperty(name = "orderflow.notifications", havingValue = "timeline", matchIfMissing = true)
class TimelineNotifications implements Notifications {

	private final Orders orders;

	private final TrackingLinks links;

	TimelineNotifications(Orders orders, TrackingLinks links) {
		this.orders = orders;
		this.links = links;
	}

	@Override
	@Transactional
	public void notifyCustomer(UUID orderId, CustomerMessage message, String detail) {
		Order order = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("No order " + orderId));
		String text = message.text(order.orderNumber()) + (detail == null || detail.isBlank() ? "" : ". " + detail)
				+ links.link(order.orderNumber()).map(link -> ". Track it: " + link).orElse("");
		orders.record(orderId, TimelineType.NOTIFICATION, "system:notifications",
				"To " + order.customer().email() + ": " + text);
	}

}
