package io.orderflow.fulfillment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.HoldProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.order.Order;
import io.orderflow.order.OrderHold;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.Orders;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ChangeOrderHold}: the Tasklist start form {@code forms/start-hold.form} ({@code holdOrderNumber},
 * {@code holdAction} HOLD or RELEASE, {@code holdReason}) holds the order or releases its hold, as
 * {@code POST /api/orders/{id}/hold} and {@code /release-hold} do ({@link HeldOrders}), by the user who started it.
 * A request that breaks a rule refuses the start (it rolls back, nothing is stored) and says why by the form's
 * labels: what Tasklist shows; over {@code /engine-rest} a 400 naming every invalid field, or a 409 for an order held
 * already or not held.
 */
@Component("changeOrderHold")
class ChangeOrderHoldDelegate implements JavaDelegate {

	private static final Map<String, String> LABELS = Map.of(HoldProcess.Variables.HOLD_FORM_ORDER_NUMBER,
			"Order number", HoldProcess.Variables.HOLD_FORM_ACTION, "Hold or release",
			HoldProcess.Variables.HOLD_FORM_REASON, "Reason");

	private final HeldOrders heldOrders;

	private final Orders orders;

	ChangeOrderHoldDelegate(HeldOrders heldOrders, Orders orders) {
		this.heldOrders = heldOrders;
		this.orders = orders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String orderNumber = text(execution, HoldProcess.Variables.HOLD_FORM_ORDER_NUMBER);
		String action = text(execution, HoldProcess.Variables.HOLD_FORM_ACTION);
		String reason = text(execution, HoldProcess.Variables.HOLD_FORM_REASON);
		boolean hold = !"RELEASE".equals(action);
		List<FieldViolation> violations = new ArrayList<>();
		Optional<Order> order = orderNumber == null ? Optional.empty() : orders.findByNumber(orderNumber.strip());
		if (order.isEmpty()) {
			violations.add(new FieldViolation(HoldProcess.Variables.HOLD_FORM_ORDER_NUMBER,
					orderNumber == null ? "is required" : "there is no order " + orderNumber.strip()));
		}
		if (action != null && !action.equals("HOLD") && !action.equals("RELEASE")) {
			violations.add(new FieldViolation(HoldProcess.Variables.HOLD_FORM_ACTION, "is HOLD or RELEASE, not " + action));
		}
		try {
			OrderHolds.reason(reason);
		}
		catch (InvalidRequestException invalid) {
			invalid.violations()
				.forEach(v -> violations.add(new FieldViolation(HoldProcess.Variables.HOLD_FORM_REASON, v.message())));
		}
		if (!violations.isEmpty()) {
			String why = violations.stream()
				.map(v -> LABELS.get(v.field()) + ": " + v.message())
				.collect(Collectors.joining("; "));
			throw refused(hold, why, new FormRefused(violations, refusal(hold) + why));
		}
		OrderHold changed;
		try {
			changed = hold ? heldOrders.place(order.get().id(), reason, OrderProcess.actor(execution))
					: heldOrders.lift(order.get().id(), reason, OrderProcess.actor(execution));
		}
		catch (StateConflictException conflict) {
			throw refused(hold, LABELS.get(HoldProcess.Variables.HOLD_FORM_ACTION) + ": " + conflict.getMessage(),
					conflict);
		}
		execution.setProcessBusinessKey(order.get().orderNumber());
		execution.setVariable(Variables.ORDER_ID, order.get().id().toString());
		execution.setVariable(Variables.ORDER_NUMBER, order.get().orderNumber());
		execution.setVariable(HoldProcess.Variables.HOLD_ID, changed.id().toString());
	}

	/** The engine's user error, which rolls the start back and which Tasklist shows; its cause names the fields. */
	private static BadUserRequestException refused(boolean hold, String why, RuntimeException cause) {
		return new BadUserRequestException(refusal(hold) + why, cause);
	}

	private static String refusal(boolean hold) {
		return hold ? "The order was not held: " : "The hold was not released: ";
	}

	/** The invalid fields, said by the form's labels (what {@code /engine-rest} answers with them). */
	private static final class FormRefused extends InvalidRequestException {

		private final String message;

		FormRefused(List<FieldViolation> violations, String message) {
			super(violations);
			this.message = message;
		}

		@Override
		public String getMessage() {
			return message;
		}

	}

	private static String text(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null || value.toString().isBlank() ? null : value.toString();
	}

}
