package io.orderflow.service;

import java.util.List;

import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What a request started with a Tasklist start form is checked for before the REST rules see it, the same
 * for cancellations, returns and reshipments: the order, named by its number, and the agent's note. Each
 * check adds what it finds to the violations, so that the agent is told everything at once.
 */
public final class StartFormChecks {

	private StartFormChecks() {
	}

	/** A start form's field as text, or null when the form left it out. */
	public static String string(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null ? null : value.toString();
	}


	/** The order with that number, or null after naming {@code field}: required, or no such order. */
	public static Order order(Orders orders, String orderNumber, String field, List<FieldViolation> violations) {
		Order order = orderNumber == null || orderNumber.isBlank() ? null
				: orders.findByNumber(orderNumber.strip()).orElse(null);
		if (order == null) {
			violations.add(new FieldViolation(field,
					orderNumber == null || orderNumber.isBlank() ? "is required" : "no order " + orderNumber.strip()));
		}
		return order;
	}

	/** Names {@code field} when the note is longer than {@code max} characters. */
	public static void note(String note, String field, int max, List<FieldViolation> violations) {
		if (note != null && note.strip().length() > max) {
			violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
		}
	}

	/** Runs the REST rules and adds what they refuse; then refuses everything found, if anything. */
	public static void validate(Runnable restRules, List<FieldViolation> violations) {
		try {
			restRules.run();
		}
		catch (InvalidRequestException invalid) {
			violations.addAll(invalid.violations());
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

}
