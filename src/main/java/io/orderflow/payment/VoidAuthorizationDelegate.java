package io.orderflow.payment;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_VoidAuthorization}: the order was rejected in risk review; the money is released. */
@Component("voidAuthorization")
class VoidAuthorizationDelegate implements JavaDelegate {

	private final Authorizations authorizations;

	VoidAuthorizationDelegate(Authorizations authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		authorizations.voidAuthorization(OrderProcess.orderId(execution),
				"Rejected in risk review");
	}

}
