package io.orderflow.adjustment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RefundAdjustment}: credits the approved adjustment and refunds it (key adjustment:<id>); who
 * approved it is read from the engine's record of "Approve appeasement", not from a variable.
 */
@Component("refundAdjustment")
class RefundAdjustmentDelegate implements JavaDelegate {

	private final AdjustmentSteps steps;

	RefundAdjustmentDelegate(AdjustmentSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		steps.refund(OrderProcess.id(execution, AdjustmentProcess.Variables.ADJUSTMENT_ID),
				OrderProcess.text(execution, Variables.DECISION_NOTE));
	}

}
