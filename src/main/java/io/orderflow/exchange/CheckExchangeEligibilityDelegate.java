package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CheckExchangeEligibility}: the return policy for the returned units, the reservation policy for the replacement. */
@Component("checkExchangeEligibility")
class CheckExchangeEligibilityDelegate implements JavaDelegate {

	private final ExchangeSteps steps;

	CheckExchangeEligibilityDelegate(ExchangeSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ExchangeSteps.Assessment assessment = steps
			.assess(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID));
		execution.setVariable(ExchangeProcess.Variables.EXCHANGE_ELIGIBLE, assessment.eligible());
		execution.setVariable(ExchangeProcess.Variables.EXCHANGE_RESERVE_ON, assessment.reserveOn());
		execution.setVariable(ExchangeProcess.Variables.EXCHANGE_RETURN_WITHIN, assessment.returnWithin());
		if (!assessment.eligible()) {
			execution.setVariable(ExchangeProcess.Variables.EXCHANGE_REJECTION_REASON, assessment.reason());
		}
	}

}
