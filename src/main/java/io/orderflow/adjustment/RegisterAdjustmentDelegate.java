package io.orderflow.adjustment;

import static io.orderflow.OrderProcess.actor;
import static io.orderflow.service.StartFormChecks.string;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.FormRefusedException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterAdjustment}. An adjustment requested over {@code /api} is already stored when its
 * process starts: nothing to do. One started from Tasklist with the start form
 * ({@code forms/start-adjustment.form}) is validated and stored here by the same service method as the REST
 * API, requested by the user who started it; an invalid one is refused with a {@link FormRefusedException}: the
 * start is rolled back, nothing is stored, and Tasklist shows the agent every invalid field by its label (over
 * {@code /engine-rest}: a 400).
 */
@Component("registerAdjustment")
class RegisterAdjustmentDelegate implements JavaDelegate {

	/** The start form's labels (and the REST API's field names), for what the agent reads when it is refused. */
	private static final Map<String, String> LABELS = Map.of(Variables.ORDER_NUMBER, "Order number",
			AdjustmentProcess.Variables.ADJUSTMENT_TARGET, "On", AdjustmentProcess.Variables.ADJUSTMENT_LINE_NUMBER, "Line number", "lineNumber",
			"Line number", AdjustmentProcess.Variables.ADJUSTMENT_KIND, "As", AdjustmentProcess.Variables.ADJUSTMENT_VALUE, "Amount or percentage", "amount",
			"Amount or percentage", "percentage", "Amount or percentage", AdjustmentProcess.Variables.ADJUSTMENT_REASON, "Reason", "reason",
			"Reason");

	private final Adjustments adjustments;

	RegisterAdjustmentDelegate(Adjustments adjustments) {
		this.adjustments = adjustments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (execution.getVariable(AdjustmentProcess.Variables.ADJUSTMENT_ID) != null) {
			return;
		}
		List<FieldViolation> violations = new ArrayList<>();
		String target = string(execution, AdjustmentProcess.Variables.ADJUSTMENT_TARGET);
		if (!"LINE".equals(target) && !"SHIPPING".equals(target)) {
			violations.add(new FieldViolation(AdjustmentProcess.Variables.ADJUSTMENT_TARGET, "LINE or SHIPPING"));
		}
		Integer lineNumber = null;
		Object line = execution.getVariable(AdjustmentProcess.Variables.ADJUSTMENT_LINE_NUMBER);
		if ("LINE".equals(target)) {
			if (line instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
				lineNumber = number.intValue();
			}
			else if (line != null && line.toString().strip().matches("\\d{1,6}")) {
				lineNumber = Integer.valueOf(line.toString().strip());
			}
			else {
				violations.add(new FieldViolation(AdjustmentProcess.Variables.ADJUSTMENT_LINE_NUMBER, "a whole line number is required"));
			}
		}
		String kind = string(execution, AdjustmentProcess.Variables.ADJUSTMENT_KIND);
		if (!"AMOUNT".equals(kind) && !"PERCENTAGE".equals(kind)) {
			violations.add(new FieldViolation(AdjustmentProcess.Variables.ADJUSTMENT_KIND, "AMOUNT or PERCENTAGE"));
		}
		BigDecimal value = null;
		String text = string(execution, AdjustmentProcess.Variables.ADJUSTMENT_VALUE);
		try {
			value = text == null ? null : new BigDecimal(text.strip());
		}
		catch (NumberFormatException notANumber) {
			violations.add(new FieldViolation(AdjustmentProcess.Variables.ADJUSTMENT_VALUE, "not a number: " + text));
		}
		if (value == null && violations.stream().noneMatch(v -> v.field().equals(AdjustmentProcess.Variables.ADJUSTMENT_VALUE))) {
			violations.add(new FieldViolation(AdjustmentProcess.Variables.ADJUSTMENT_VALUE, "is required"));
		}
		if (!violations.isEmpty()) {
			throw invalid(execution, violations);
		}
		AdjustmentRequest request = new AdjustmentRequest(lineNumber, "SHIPPING".equals(target) ? true : null,
				"AMOUNT".equals(kind) ? value : null, "PERCENTAGE".equals(kind) ? value : null,
				string(execution, AdjustmentProcess.Variables.ADJUSTMENT_REASON));
		try {
			Adjustment adjustment = adjustments.registerFromProcess(string(execution, Variables.ORDER_NUMBER), request,
					string(execution, AdjustmentProcess.Variables.ADJUSTMENT_INITIATOR), execution.getProcessInstanceId());
			execution.setProcessBusinessKey(adjustment.orderNumber());
			execution.setVariable(Variables.ORDER_ID, adjustment.orderId().toString());
			execution.setVariable(Variables.ORDER_NUMBER, adjustment.orderNumber());
			execution.setVariable(AdjustmentProcess.Variables.ADJUSTMENT_ID, adjustment.id().toString());
		}
		catch (InvalidRequestException refused) {
			throw invalid(execution, refused.violations());
		}
	}

	private static BadUserRequestException invalid(DelegateExecution execution, List<FieldViolation> violations) {
		return new FormRefusedException("The adjustment", violations, LABELS).asBadUserRequest();
	}

}
