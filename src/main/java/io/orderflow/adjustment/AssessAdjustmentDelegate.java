package io.orderflow.adjustment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.AdjustmentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_AssessAdjustment}: above the approval threshold a supervisor must approve. */
@Component("assessAdjustment")
class AssessAdjustmentDelegate implements JavaDelegate {

	private final AdjustmentSteps steps;

	AssessAdjustmentDelegate(AdjustmentSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		AdjustmentSteps.Assessment assessment = steps
			.assess(OrderProcess.id(execution, AdjustmentProcess.Variables.ADJUSTMENT_ID));
		execution.setVariable(AdjustmentProcess.Variables.ADJUSTMENT_APPROVAL_REQUIRED, assessment.approvalRequired());
		execution.setVariable(AdjustmentProcess.Variables.ADJUSTMENT_APPROVAL_REASON, assessment.reason());
		execution.setVariable(AdjustmentProcess.Variables.ADJUSTMENT_REQUEST, assessment.request());
		execution.setVariable(AdjustmentProcess.Variables.ADJUSTMENT_REQUESTED_BY, assessment.requestedBy());
	}

}
