package io.orderflow.exchange;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.payment.PaymentDeclinedException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_AuthorizeExchangeDifference}: a replacement that costs more has the difference authorized; a decline
 * is the error {@code Error_PaymentDeclined}, which rejects the exchange with the provider's reason.
 */
@Component("authorizeExchangeDifference")
class AuthorizeExchangeDifferenceDelegate implements JavaDelegate {

	private final ExchangeSteps steps;

	AuthorizeExchangeDifferenceDelegate(ExchangeSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		try {
			steps.authorizeDifference(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID));
		}
		catch (PaymentDeclinedException declined) {
			execution.setVariable(ExchangeProcess.Variables.EXCHANGE_REJECTION_REASON,
					"the payment of the difference was declined (" + declined.reason() + "): " + declined.getMessage());
			throw new BpmnError(LifecycleProcess.Errors.PAYMENT_DECLINED, declined.getMessage());
		}
	}

}
