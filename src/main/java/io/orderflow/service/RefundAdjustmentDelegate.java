package io.orderflow.service;

import java.util.UUID;

import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RefundAdjustment}: credits the approved adjustment and refunds it (key adjustment:<id>). */
@Component("refundAdjustment")
class RefundAdjustmentDelegate implements JavaDelegate {

	private final Adjustments adjustments;

	RefundAdjustmentDelegate(Adjustments adjustments) {
		this.adjustments = adjustments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Object approvedBy = execution.getVariable(Variables.APPEASEMENT_DECIDED_BY);
		Object note = execution.getVariable(Variables.DECISION_NOTE);
		adjustments.refund(UUID.fromString((String) execution.getVariable(Variables.ADJUSTMENT_ID)),
				approvedBy == null ? null : approvedBy.toString(), note == null ? null : note.toString());
	}

}
