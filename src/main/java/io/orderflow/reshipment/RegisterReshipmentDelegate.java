package io.orderflow.reshipment;

import static io.orderflow.OrderProcess.actor;
import static io.orderflow.service.StartFormChecks.string;

import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess.ReshipmentProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.StartFormLines;
import io.orderflow.service.FormRefusedException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterReshipment}. A reshipment requested over {@code /api/orders/{id}/reshipments} is stored
 * before its process starts: nothing to do. One started in Tasklist with the start form
 * ({@code forms/start-reshipment.form}: {@code reshipmentOrderNumber}, {@code reshipmentLines} as
 * "lineNumber:quantity, ...", {@code reshipmentReason}, {@code reshipmentNote}) is validated and stored here by
 * the same code as the REST API, requested by the user who started it;
 * an invalid one is refused with a {@link FormRefusedException}: the start is rolled back, nothing is
 * stored, and Tasklist shows the agent every invalid field by its label (over {@code /engine-rest}: a 400).
 */
@Component("registerReshipment")
class RegisterReshipmentDelegate implements JavaDelegate {

	/** The REST API's field names and the start form's. */
	private static final Map<String, String> FORM_FIELDS = Map.of("reason", ReshipmentProcess.Variables.RESHIPMENT_FORM_REASON, "note",
			ReshipmentProcess.Variables.RESHIPMENT_FORM_NOTE);

	/** The start form's labels, for what the agent reads when it is refused. */
	private static final Map<String, String> LABELS = Map.of(ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER, "Order number",
			ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES, "Lines to send again", ReshipmentProcess.Variables.RESHIPMENT_FORM_REASON, "Reason",
			ReshipmentProcess.Variables.RESHIPMENT_FORM_NOTE, "Note");

	private final Reshipments reshipments;

	RegisterReshipmentDelegate(Reshipments reshipments) {
		this.reshipments = reshipments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (execution.getVariable(ReshipmentProcess.Variables.RESHIPMENT_ID) != null) {
			return;
		}
		List<StartFormLines.Part> parts = StartFormLines.parse(string(execution, ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES));
		ReshipmentRequest request = new ReshipmentRequest(
				parts.isEmpty() ? null
						: parts.stream().map(p -> new ReshipmentRequest.Line(p.lineNumber(), p.quantity())).toList(),
				string(execution, ReshipmentProcess.Variables.RESHIPMENT_FORM_REASON));
		try {
			Reshipment reshipment = reshipments.registerFromProcess(
					string(execution, ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER), ReshipmentProcess.Variables.RESHIPMENT_FORM_ORDER_NUMBER,
					request, string(execution, ReshipmentProcess.Variables.RESHIPMENT_FORM_NOTE),
					actor(execution), execution.getProcessInstanceId());
			execution.setProcessBusinessKey(reshipment.orderNumber());
			execution.setVariable(Variables.ORDER_ID, reshipment.orderId().toString());
			execution.setVariable(Variables.ORDER_NUMBER, reshipment.orderNumber());
			execution.setVariable(ReshipmentProcess.Variables.RESHIPMENT_ID, reshipment.id().toString());
		}
		catch (InvalidRequestException invalid) {
			List<FieldViolation> violations = StartFormLines.toForm(invalid.violations(), parts,
					ReshipmentProcess.Variables.RESHIPMENT_FORM_LINES, FORM_FIELDS);
			throw new FormRefusedException("The reshipment", violations, LABELS).asBadUserRequest();
		}
	}

}
