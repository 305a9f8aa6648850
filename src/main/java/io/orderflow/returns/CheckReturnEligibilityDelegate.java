package io.orderflow.returns;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CheckReturnEligibility}: asks the policy ReturnEligibility whether every line may come back. */
@Component("checkReturnEligibility")
class CheckReturnEligibilityDelegate implements JavaDelegate {

	private final ReturnSteps steps;

	CheckReturnEligibilityDelegate(ReturnSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID returnId = OrderProcess.id(execution, ReturnProcess.Variables.RETURN_ORDER_ID);
		ReturnSteps.Assessment assessment = steps.assessEligibility(returnId);
		execution.setVariable(ReturnProcess.Variables.RETURN_ELIGIBLE, assessment.eligible());
		execution.setVariable(ReturnProcess.Variables.RETURN_ELIGIBILITY_REASON, assessment.reason());
		execution.setVariable(ReturnProcess.Variables.RETURN_REQUEST, assessment.request());
	}

}
