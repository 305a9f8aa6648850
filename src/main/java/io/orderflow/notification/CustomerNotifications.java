package io.orderflow.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.order.Notifications;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.order.TrackingLinks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@link Notifications} of Orderflow: each message to the customer becomes a timeline entry of the order and
 * the event {@code customer.notified}, both in the transaction of the change that caused it. The event carries what
 * a channel needs to write to the customer without calling back: the message, the address and language, the
 * particulars and the tracking link.
 */
@Service
public class CustomerNotifications implements Notifications {

	private final Orders orders;

	private final TrackingLinks links;

	private final OrderEvents events;

	CustomerNotifications(Orders orders, TrackingLinks links, OrderEvents events) {
		this.orders = orders;
		this.links = links;
		this.events = events;
	}

	@Override
	@Transactional
	public void notifyCustomer(UUID orderId, CustomerMessage message, String detail, Map<Fact, String> facts) {
		Order order = orders.require(orderId);
		String link = links.link(order.orderNumber()).orElse(null);
		String text = message.text(order.orderNumber()) + (detail == null || detail.isBlank() ? "" : ". " + detail)
				+ (link == null ? "" : ". Track it: " + link);
		orders.record(orderId, TimelineType.NOTIFICATION, "system:notifications",
				"To " + order.customer().email() + ": " + text);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("message", message.name());
		data.put("email", order.customer().email());
		data.put("name", order.customer().name());
		data.put("language", order.customer().language() == null ? "en" : order.customer().language());
		data.put("text", message.text(order.orderNumber()));
		if (detail != null && !detail.isBlank()) {
			data.put("detail", detail);
		}
		if (link != null) {
			data.put("trackingLink", link);
		}
		Map<String, String> particulars = new LinkedHashMap<>();
		facts.entrySet()
			.stream()
			.filter(fact -> fact.getValue() != null)
			.sorted(Map.Entry.comparingByKey())
			.forEach(fact -> particulars.put(fact.getKey().name(), fact.getValue()));
		data.put("facts", particulars);
		events.publish(orderId, EventType.CUSTOMER_NOTIFIED, data);
	}

}
