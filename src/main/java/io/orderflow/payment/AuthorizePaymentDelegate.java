package io.orderflow.payment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_AuthorizePayment}: authorizes the order total. A decline is a business outcome (BPMN
 * error {@code Error_PaymentDeclined}); an unreachable gateway is an exception, so the job is retried
 * and finally becomes an incident.
 */
@Component("authorizePayment")
class AuthorizePaymentDelegate implements JavaDelegate {

	private final Authorizations authorizations;

	AuthorizePaymentDelegate(Authorizations authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		try {
			authorizations.authorizeOrder(OrderProcess.orderId(execution));
		}
		catch (PaymentDeclinedException declined) {
			throw new BpmnError(LifecycleProcess.Errors.PAYMENT_DECLINED, declined.getMessage());
		}
	}

}
