package io.orderflow.returns;

import static io.orderflow.OrderProcess.actor;
import static io.orderflow.service.StartFormChecks.string;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.FormRefusedException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterReturn}. A return requested over {@code /api/orders/{id}/returns} is stored before its
 * process starts: nothing to do. One started in Tasklist with the start form ({@code returnOrderNumber},
 * {@code returnLines} as "lineNumber:quantity, ...", {@code returnReason}) is validated and stored here by
 * the same code as the REST API; an invalid one is refused with a
 * {@link FormRefusedException}: the start is rolled back, nothing is stored, and Tasklist shows the agent every
 * invalid field by its label (over {@code /engine-rest}: a 400).
 */
@Component("registerReturn")
class RegisterReturnDelegate implements JavaDelegate {

	/** The start form's labels, for what the agent reads when it is refused. */
	private static final Map<String, String> LABELS = Map.of(ReturnProcess.Variables.RETURN_FORM_ORDER_NUMBER, "Order number",
			ReturnProcess.Variables.RETURN_FORM_LINES, "Lines to return", ReturnProcess.Variables.RETURN_FORM_REASON, "Reason",
			Variables.DECISION_NOTE, "Note");

	private final Returns returns;

	RegisterReturnDelegate(Returns returns) {
		this.returns = returns;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (execution.getVariable(ReturnProcess.Variables.RETURN_ORDER_ID) != null) {
			return;
		}
		try {
			Map<Integer, Integer> counts = Returns.parseLineCounts(ReturnProcess.Variables.RETURN_FORM_LINES,
					string(execution, ReturnProcess.Variables.RETURN_FORM_LINES));
			if (counts.isEmpty()) {
				throw new InvalidRequestException(List.of(new FieldViolation(ReturnProcess.Variables.RETURN_FORM_LINES,
						"name at least one line, e.g. \"1:2\" for 2 units of line 1")));
			}
			String reason = string(execution, ReturnProcess.Variables.RETURN_FORM_REASON);
			List<ReturnRequest.Line> lines = new ArrayList<>();
			counts.forEach((line, quantity) -> lines.add(new ReturnRequest.Line(line, quantity, reason)));
			ReturnOrder ret = returns.registerFromProcess(string(execution, ReturnProcess.Variables.RETURN_FORM_ORDER_NUMBER),
					new ReturnRequest(lines, string(execution, Variables.DECISION_NOTE)), actor(execution),
					execution.getProcessInstanceId());
			execution.setProcessBusinessKey(ret.orderNumber());
			execution.setVariable(Variables.ORDER_ID, ret.orderId().toString());
			execution.setVariable(Variables.ORDER_NUMBER, ret.orderNumber());
			execution.setVariable(ReturnProcess.Variables.RETURN_ORDER_ID, ret.id().toString());
			execution.setVariable(ReturnProcess.Variables.RMA_NUMBER, ret.rmaNumber());
			// the start form's note is the return's (stored with it), not a decision: the review must not inherit it
			execution.removeVariable(Variables.DECISION_NOTE);
		}
		catch (InvalidRequestException invalid) {
			throw new FormRefusedException("The return", onTheForm(invalid.violations(), lines(execution)), LABELS)
				.asBadUserRequest();
		}
	}

	/** The line numbers in the order the form named them ({@code lines[i]} of the request made from it). */
	private static List<Integer> lines(DelegateExecution execution) {
		try {
			return new ArrayList<>(Returns.parseLineCounts(ReturnProcess.Variables.RETURN_FORM_LINES,
					string(execution, ReturnProcess.Variables.RETURN_FORM_LINES)).keySet());
		}
		catch (InvalidRequestException unreadable) {
			return List.of();
		}
	}

	/**
	 * The REST rules name the request's JSON paths ({@code lines[0].quantity}); the agent sees the start form's
	 * fields: lines and quantities are {@code returnLines}, the reason (one for all lines) {@code returnReason},
	 * the note {@code decisionNote}.
	 */
	static List<FieldViolation> onTheForm(List<FieldViolation> violations, List<Integer> lineNumbers) {
		Set<FieldViolation> mapped = new LinkedHashSet<>();
		for (FieldViolation violation : violations) {
			Matcher line = LINE_FIELD.matcher(violation.field());
			if (line.matches()) {
				int index = Integer.parseInt(line.group(1));
				String part = line.group(2);
				if (".reason".equals(part)) {
					mapped.add(new FieldViolation(ReturnProcess.Variables.RETURN_FORM_REASON, violation.message()));
				}
				else {
					String message = violation.message();
					if (index < lineNumbers.size() && !message.contains("line " + lineNumbers.get(index))) {
						message = "line " + lineNumbers.get(index) + ": " + message;
					}
					mapped.add(new FieldViolation(ReturnProcess.Variables.RETURN_FORM_LINES, message));
				}
			}
			else if ("lines".equals(violation.field())) {
				mapped.add(new FieldViolation(ReturnProcess.Variables.RETURN_FORM_LINES, violation.message()));
			}
			else if ("note".equals(violation.field())) {
				mapped.add(new FieldViolation(Variables.DECISION_NOTE, violation.message()));
			}
			else {
				mapped.add(violation);
			}
		}
		return List.copyOf(mapped);
	}

	private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)\\](\\.\\w+)?");
}
