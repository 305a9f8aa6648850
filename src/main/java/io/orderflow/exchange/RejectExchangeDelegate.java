package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RejectExchange}: ineligible, or the difference could not be authorized; nothing changes on the order. */
@Component("rejectExchange")
class RejectExchangeDelegate implements JavaDelegate {

	private final ExchangeSteps steps;

	RejectExchangeDelegate(ExchangeSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		steps.reject(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID),
				OrderProcess.text(execution, ExchangeProcess.Variables.EXCHANGE_REJECTION_REASON));
	}

}
