package io.orderflow.order;

import java.util.EnumSet;
import java.util.Set;

import io.orderflow.events.IncidentRaised;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every incident of an order's processes on the order's timeline, in the engine's transaction that raised
 * it: which step stopped, what failed (the incident's message, which for a payment call says how often and what
 * the provider answered) and what an operator does about it. Without it an order stuck at an incident looks, to
 * everyone but Cockpit's users, like an order that is merely waiting.
 */
@Component
class IncidentTimeline {

	static final String ACTOR = "system:engine";

	/** What a timeline entry holds (order_timeline.description). */
	private static final int MAX_DESCRIPTION = 1000;

	/**
	 * Statuses in which a cancellation is refused (the order was refused in Capture), as the cancellation feature
	 * does; an order still in Capture (a payment authorization stuck at an incident, say) can be canceled.
	 */
	private static final Set<OrderStatus> NOT_CANCELABLE = EnumSet.of(OrderStatus.REJECTED);

	private final Orders orders;

	IncidentTimeline(Orders orders) {
		this.orders = orders;
	}

	@EventListener
	void on(IncidentRaised incident) {
		orders.find(incident.orderId())
			.ifPresent(order -> orders.record(order.id(), TimelineType.INCIDENT, ACTOR, describe(incident, order)));
	}

	/** Whether a cancellation could still cancel something: units neither shipped nor canceled. */
	static boolean cancelable(Order order) {
		return !NOT_CANCELABLE.contains(order.status()) && order.lines()
			.stream()
			.anyMatch(line -> line.quantities().netOrdered() > line.quantities().fulfilled());
	}

	static String describe(IncidentRaised incident, Order order) {
		String step = "Incident at \"" + incident.activityName() + "\": ";
		String advice = ": fix the cause and retry the job in Cockpit"
				+ (cancelable(order) ? ", or cancel the order" : "");
		String message = incident.message() == null || incident.message().isBlank() ? "the step failed"
				: incident.message().strip();
		int room = MAX_DESCRIPTION - step.length() - advice.length();
		return step + (message.length() <= room ? message : message.substring(0, room - 1) + "…") + advice;
	}

}
