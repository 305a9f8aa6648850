package io.orderflow.platform.engine;

import java.util.Map;
import java.util.Set;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Variables;

/**
 * The documented entry of every process a person or an integration may start (docs/security.md, "Forged
 * starts"): the variables a start may carry. The order lifecycle takes the order as the JSON variable
 * {@code order}; each service request takes the fields of its Tasklist start form
 * ({@code forms/start-*.form}, checked against these by {@code DocumentedStartsTest}). Every other
 * variable (the ids of existing records, decisions, who approved) is set by Orderflow itself.
 */
final class DocumentedStarts {

	static final Map<String, Set<String>> VARIABLES = Map.of(OrderProcess.PROCESS_KEY, Set.of(Variables.ORDER),
			OrderProcess.CANCELLATION_PROCESS_KEY,
			Set.of(Variables.CANCELLATION_FORM_ORDER_NUMBER, Variables.CANCELLATION_FORM_WHOLE_ORDER,
					Variables.CANCELLATION_FORM_LINES, Variables.CANCELLATION_FORM_REASON,
					Variables.CANCELLATION_FORM_NOTE),
			OrderProcess.RETURN_PROCESS_KEY,
			Set.of(Variables.RETURN_FORM_ORDER_NUMBER, Variables.RETURN_FORM_LINES, Variables.RETURN_FORM_REASON,
					Variables.DECISION_NOTE),
			OrderProcess.RESHIPMENT_PROCESS_KEY,
			Set.of(Variables.RESHIPMENT_FORM_ORDER_NUMBER, Variables.RESHIPMENT_FORM_LINES,
					Variables.RESHIPMENT_FORM_REASON, Variables.RESHIPMENT_FORM_NOTE),
			OrderProcess.ADJUSTMENT_PROCESS_KEY,
			Set.of(Variables.ORDER_NUMBER, Variables.ADJUSTMENT_TARGET, Variables.ADJUSTMENT_LINE_NUMBER,
					Variables.ADJUSTMENT_KIND, Variables.ADJUSTMENT_VALUE, Variables.ADJUSTMENT_REASON));

	private DocumentedStarts() {
	}

}
