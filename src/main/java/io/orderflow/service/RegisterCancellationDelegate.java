package io.orderflow.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess.Errors;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterCancellation}. A cancellation requested over {@code /api/orders/{id}/cancellations} is
 * stored before its process starts: nothing to do. One started in Tasklist with the start form
 * ({@code forms/start-cancellation.form}: {@code cancellationOrderNumber}, {@code cancellationLines} as
 * "lineNumber:quantity, ..." or {@code cancellationWholeOrder}, {@code cancellationReason},
 * {@code cancellationNote}) is validated and stored here by the same code as the REST API, requested by the
 * user who started it; an invalid one ends the instance through the BPMN error
 * {@value Errors#INVALID_CANCELLATION} with every invalid form field in {@code validationErrors}, and nothing
 * is stored.
 */
@Component("registerCancellation")
class RegisterCancellationDelegate implements JavaDelegate {

	/** The REST API's field names and the start form's. */
	private static final Map<String, String> FORM_FIELDS = Map.of("reason", Variables.CANCELLATION_FORM_REASON,
			"wholeOrder", Variables.CANCELLATION_FORM_WHOLE_ORDER, "note", Variables.CANCELLATION_FORM_NOTE);

	private final Cancellations cancellations;

	private final ObjectMapper json;

	RegisterCancellationDelegate(Cancellations cancellations, ObjectMapper json) {
		this.cancellations = cancellations;
		this.json = json;
	}

	@Override
	public void execute(DelegateExecution execution) throws JsonProcessingException {
		if (execution.getVariable(Variables.CANCELLATION_ID) != null) {
			return;
		}
		List<StartFormLines.Part> parts = StartFormLines.parse(string(execution, Variables.CANCELLATION_FORM_LINES));
		boolean wholeOrder = Boolean.TRUE.equals(execution.getVariable(Variables.CANCELLATION_FORM_WHOLE_ORDER))
				|| "true".equals(string(execution, Variables.CANCELLATION_FORM_WHOLE_ORDER));
		CancellationRequest request = new CancellationRequest(
				parts.isEmpty() ? null
						: parts.stream().map(p -> new CancellationRequest.Line(p.lineNumber(), p.quantity())).toList(),
				wholeOrder, string(execution, Variables.CANCELLATION_FORM_REASON));
		try {
			Cancellation cancellation = cancellations.registerFromProcess(
					string(execution, Variables.CANCELLATION_FORM_ORDER_NUMBER), Variables.CANCELLATION_FORM_ORDER_NUMBER,
					request, string(execution, Variables.CANCELLATION_FORM_NOTE), actor(execution),
					execution.getProcessInstanceId());
			execution.setProcessBusinessKey(cancellation.orderNumber());
			execution.setVariable(Variables.ORDER_ID, cancellation.orderId().toString());
			execution.setVariable(Variables.ORDER_NUMBER, cancellation.orderNumber());
			execution.setVariable(Variables.CANCELLATION_ID, cancellation.id().toString());
		}
		catch (InvalidRequestException invalid) {
			List<FieldViolation> violations = StartFormLines.toForm(invalid.violations(), parts,
					Variables.CANCELLATION_FORM_LINES, FORM_FIELDS);
			execution.setVariable(Variables.VALIDATION_ERRORS, json.writeValueAsString(violations));
			throw new BpmnError(Errors.INVALID_CANCELLATION, "Cancellation not registered: " + violations);
		}
	}

	private static String string(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null || value.toString().isBlank() ? null : value.toString();
	}

	static String actor(DelegateExecution execution) {
		Authentication authentication = execution.getProcessEngineServices()
			.getIdentityService()
			.getCurrentAuthentication();
		return authentication != null && authentication.getUserId() != null ? authentication.getUserId()
				: "system:engine";
	}

}
