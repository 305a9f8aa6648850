package io.orderflow.cancellation;

import static io.orderflow.OrderProcess.actor;
import static io.orderflow.service.StartFormChecks.string;

import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.StartFormLines;
import io.orderflow.service.FormRefusedException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterCancellation}. A cancellation requested over {@code /api/orders/{id}/cancellations} is
 * stored before its process starts: nothing to do. One started in Tasklist with the start form
 * ({@code forms/start-cancellation.form}: {@code cancellationOrderNumber}, {@code cancellationLines} as
 * "lineNumber:quantity, ..." or {@code cancellationWholeOrder}, {@code cancellationReason},
 * {@code cancellationNote}) is validated and stored here by the same code as the REST API, requested by the
 * user who started it;
 * an invalid one is refused with a {@link FormRefusedException}: the start is rolled back, nothing is
 * stored, and Tasklist shows the agent every invalid field by its label (over {@code /engine-rest}: a 400).
 */
@Component("registerCancellation")
class RegisterCancellationDelegate implements JavaDelegate {

	/** The REST API's field names and the start form's. */
	private static final Map<String, String> FORM_FIELDS = Map.of("reason", CancellationProcess.Variables.CANCELLATION_FORM_REASON,
			"wholeOrder", CancellationProcess.Variables.CANCELLATION_FORM_WHOLE_ORDER, "note", CancellationProcess.Variables.CANCELLATION_FORM_NOTE);

	/** The start form's labels, for what the agent reads when it is refused. */
	private static final Map<String, String> LABELS = Map.of(CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER, "Order number",
			CancellationProcess.Variables.CANCELLATION_FORM_WHOLE_ORDER, "Cancel the whole order", CancellationProcess.Variables.CANCELLATION_FORM_LINES,
			"Lines to cancel", CancellationProcess.Variables.CANCELLATION_FORM_REASON, "Reason", CancellationProcess.Variables.CANCELLATION_FORM_NOTE, "Note");

	private final Cancellations cancellations;

	RegisterCancellationDelegate(Cancellations cancellations) {
		this.cancellations = cancellations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (execution.getVariable(CancellationProcess.Variables.CANCELLATION_ID) != null) {
			return;
		}
		List<StartFormLines.Part> parts = StartFormLines.parse(string(execution, CancellationProcess.Variables.CANCELLATION_FORM_LINES));
		boolean wholeOrder = Boolean.TRUE.equals(execution.getVariable(CancellationProcess.Variables.CANCELLATION_FORM_WHOLE_ORDER))
				|| "true".equals(string(execution, CancellationProcess.Variables.CANCELLATION_FORM_WHOLE_ORDER));
		CancellationRequest request = new CancellationRequest(
				parts.isEmpty() ? null
						: parts.stream().map(p -> new CancellationRequest.Line(p.lineNumber(), p.quantity())).toList(),
				wholeOrder, string(execution, CancellationProcess.Variables.CANCELLATION_FORM_REASON));
		try {
			Cancellation cancellation = cancellations.registerFromProcess(
					string(execution, CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER), CancellationProcess.Variables.CANCELLATION_FORM_ORDER_NUMBER,
					request, string(execution, CancellationProcess.Variables.CANCELLATION_FORM_NOTE), actor(execution),
					execution.getProcessInstanceId());
			execution.setProcessBusinessKey(cancellation.orderNumber());
			execution.setVariable(Variables.ORDER_ID, cancellation.orderId().toString());
			execution.setVariable(Variables.ORDER_NUMBER, cancellation.orderNumber());
			execution.setVariable(CancellationProcess.Variables.CANCELLATION_ID, cancellation.id().toString());
		}
		catch (InvalidRequestException invalid) {
			List<FieldViolation> violations = StartFormLines.toForm(invalid.violations(), parts,
					CancellationProcess.Variables.CANCELLATION_FORM_LINES, FORM_FIELDS);
			throw new FormRefusedException("The cancellation", violations, LABELS).asBadUserRequest();
		}
	}

}
