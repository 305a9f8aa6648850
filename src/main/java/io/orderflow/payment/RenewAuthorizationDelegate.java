package io.orderflow.payment;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RenewAuthorization}: runs on the model's timer while the order is being fulfilled;
 * re-authorizes what is still uncaptured when the authorization nears its expiry.
 */
@Component("renewAuthorization")
class RenewAuthorizationDelegate implements JavaDelegate {

	private final Authorizations authorizations;

	private final PaymentProperties properties;

	RenewAuthorizationDelegate(Authorizations authorizations, PaymentProperties properties) {
		this.authorizations = authorizations;
		this.properties = properties;
	}

	@Override
	public void execute(DelegateExecution execution) {
		authorizations.renewIfExpiring(OrderProcess.orderId(execution),
				properties.renewBefore());
	}

}
