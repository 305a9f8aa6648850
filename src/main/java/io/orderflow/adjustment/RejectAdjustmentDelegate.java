package io.orderflow.adjustment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RejectAdjustment}: a supervisor refused the appeasement; nothing is credited. */
@Component("rejectAdjustment")
class RejectAdjustmentDelegate implements JavaDelegate {

	private final AdjustmentSteps steps;

	RejectAdjustmentDelegate(AdjustmentSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Object decidedBy = execution.getVariable(AdjustmentProcess.Variables.APPEASEMENT_DECIDED_BY);
		steps.reject(OrderProcess.id(execution, AdjustmentProcess.Variables.ADJUSTMENT_ID),
				decidedBy == null ? "unknown" : decidedBy.toString(), OrderProcess.text(execution, Variables.DECISION_NOTE));
	}

}
