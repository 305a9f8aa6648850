package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CompleteExchange}: the returned units are back and the replacement delivered. */
@Component("completeExchange")
class CompleteExchangeDelegate implements JavaDelegate {

	private final ExchangeSteps steps;

	CompleteExchangeDelegate(ExchangeSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		steps.complete(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID));
	}

}
