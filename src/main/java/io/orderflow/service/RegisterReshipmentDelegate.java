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

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterReshipment}. A reshipment requested over {@code /api/orders/{id}/reshipments} is stored
 * before its process starts: nothing to do. One started in Tasklist with the start form
 * ({@code forms/start-reshipment.form}: {@code reshipmentOrderNumber}, {@code reshipmentLines} as
 * "lineNumber:quantity, ...", {@code reshipmentReason}, {@code reshipmentNote}) is validated and stored here by
 * the same code as the REST API, requested by the user who started it; an invalid one ends the instance
 * through the BPMN error {@value Errors#INVALID_RESHIPMENT} with every invalid form field in
 * {@code validationErrors}, and nothing is stored.
 */
@Component("registerReshipment")
class RegisterReshipmentDelegate implements JavaDelegate {

	/** The REST API's field names and the start form's. */
	private static final Map<String, String> FORM_FIELDS = Map.of("reason", Variables.RESHIPMENT_FORM_REASON, "note",
			Variables.RESHIPMENT_FORM_NOTE);

	private final Reshipments reshipments;

	private final ObjectMapper json;

	RegisterReshipmentDelegate(Reshipments reshipments, ObjectMapper json) {
		this.reshipments = reshipments;
		this.json = json;
	}

	@Override
	public void execute(DelegateExecution execution) throws JsonProcessingException {
		if (execution.getVariable(Variables.RESHIPMENT_ID) != null) {
			return;
		}
		List<StartFormLines.Part> parts = StartFormLines.parse(string(execution, Variables.RESHIPMENT_FORM_LINES));
		ReshipmentRequest request = new ReshipmentRequest(
				parts.isEmpty() ? null
						: parts.stream().map(p -> new ReshipmentRequest.Line(p.lineNumber(), p.quantity())).toList(),
				string(execution, Variables.RESHIPMENT_FORM_REASON));
		try {
			Reshipment reshipment = reshipments.registerFromProcess(
					string(execution, Variables.RESHIPMENT_FORM_ORDER_NUMBER), Variables.RESHIPMENT_FORM_ORDER_NUMBER,
					request, string(execution, Variables.RESHIPMENT_FORM_NOTE),
					RegisterCancellationDelegate.actor(execution), execution.getProcessInstanceId());
			execution.setProcessBusinessKey(reshipment.orderNumber());
			execution.setVariable(Variables.ORDER_ID, reshipment.orderId().toString());
			execution.setVariable(Variables.ORDER_NUMBER, reshipment.orderNumber());
			execution.setVariable(Variables.RESHIPMENT_ID, reshipment.id().toString());
		}
		catch (InvalidRequestException invalid) {
			List<FieldViolation> violations = StartFormLines.toForm(invalid.violations(), parts,
					Variables.RESHIPMENT_FORM_LINES, FORM_FIELDS);
			execution.setVariable(Variables.VALIDATION_ERRORS, json.writeValueAsString(violations));
			throw new BpmnError(Errors.INVALID_RESHIPMENT, "Reshipment not registered: " + violations);
		}
	}

	private static String string(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null || value.toString().isBlank() ? null : value.toString();
	}

}
