package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RefundExchangeDifference}: a cheaper replacement: the rest of the returned units' value refunded. */
@Component("refundExchangeDifference")
class RefundExchangeDifferenceDelegate implements JavaDelegate {

	private final ExchangeSteps steps;

	RefundExchangeDifferenceDelegate(ExchangeSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		steps.refundDifference(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID));
	}

}
