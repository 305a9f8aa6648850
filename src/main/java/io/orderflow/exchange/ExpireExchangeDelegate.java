package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ExpireExchange}: the return deadline passed without the units: the exchange is EXPIRED, what of the
 * replacement has not shipped is canceled; whether any shipped decides if a service agent settles it.
 */
@Component("expireExchange")
class ExpireExchangeDelegate implements JavaDelegate {

	private final ExchangeExpiry expiry;

	ExpireExchangeDelegate(ExchangeExpiry expiry) {
		this.expiry = expiry;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ExchangeExpiry.Expiry result = expiry.expire(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID));
		execution.setVariable(ExchangeProcess.Variables.EXCHANGE_REPLACEMENT_SHIPPED, result.replacementShipped());
		execution.setVariable(ExchangeProcess.Variables.EXCHANGE_NOT_RETURNED, result.notReturned());
	}

}
