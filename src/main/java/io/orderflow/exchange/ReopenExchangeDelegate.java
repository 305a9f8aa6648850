package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ReopenExchange}: the service agent keeps waiting for the returned units another period. */
@Component("reopenExchange")
class ReopenExchangeDelegate implements JavaDelegate {

	private final ExchangeExpiry expiry;

	ReopenExchangeDelegate(ExchangeExpiry expiry) {
		this.expiry = expiry;
	}

	@Override
	public void execute(DelegateExecution execution) {
		expiry.reopen(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID),
				(String) execution.getVariable(OrderProcess.Variables.DECISION_NOTE));
	}

}
