package io.orderflow.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.orderflow.order.OrderStatus;

/**
 * Where an order stands on its way, for the order page: the steps from received to completed, each done,
 * current or still to come. The current step is named by the order's status where it is a variant of the
 * step (on hold, backordered, partly shipped); a canceled or rejected order shows where it ended.
 */
final class LifecycleSteps {

	/** One step: its name, and "done", "current" or "todo" (the CSS class of the page). */
	record Step(String name, String state) {
	}

	private static final List<String> STEPS = List.of("Received", "Approved", "Allocated", "Shipped", "Delivered",
			"Completed");

	private LifecycleSteps() {
	}

	static List<Step> of(OrderStatus status) {
		int current = switch (status) {
			case RECEIVED, ON_HOLD -> 0;
			case APPROVED -> 1;
			case ALLOCATED, BACKORDERED -> 2;
			case PARTIALLY_SHIPPED, SHIPPED -> 3;
			case DELIVERED -> 4;
			case COMPLETED -> 5;
			case CANCELED, REJECTED -> -1;
		};
		List<Step> steps = new ArrayList<>();
		if (current < 0) {
			steps.add(new Step("Received", "done"));
			steps.add(new Step(label(status), "current"));
			return steps;
		}
		for (int i = 0; i < STEPS.size(); i++) {
			String name = i == current ? label(status) : STEPS.get(i);
			steps.add(new Step(name, i < current ? "done" : i == current ? "current" : "todo"));
		}
		return steps;
	}

	private static String label(OrderStatus status) {
		String words = status.name().replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
