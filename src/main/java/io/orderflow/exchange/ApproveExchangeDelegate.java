package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ApproveExchange}: the replacement becomes a line of the order; the returned units are awaited. */
@Component("approveExchange")
class ApproveExchangeDelegate implements JavaDelegate {

	private final ExchangeSteps steps;

	ApproveExchangeDelegate(ExchangeSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		steps.approve(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID));
	}

}
