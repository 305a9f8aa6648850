package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CloseUnreturnedExchange}: the service agent closes it; the customer keeps both. */
@Component("closeUnreturnedExchange")
class CloseUnreturnedExchangeDelegate implements JavaDelegate {

	private final ExchangeExpiry expiry;

	CloseUnreturnedExchangeDelegate(ExchangeExpiry expiry) {
		this.expiry = expiry;
	}

	@Override
	public void execute(DelegateExecution execution) {
		expiry.closeUnreturned(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID),
				(String) execution.getVariable(OrderProcess.Variables.DECISION_NOTE));
	}

}
