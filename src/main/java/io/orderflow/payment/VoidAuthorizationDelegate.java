package io.orderflow.payment;

import java.util.UUID;

import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_VoidAuthorization}: the order was rejected in risk review; the money is released. */
@Component("voidAuthorization")
class VoidAuthorizationDelegate implements JavaDelegate {

	private final Payments payments;

	VoidAuthorizationDelegate(Payments payments) {
		this.payments = payments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		payments.voidAuthorization(UUID.fromString((String) execution.getVariable(Variables.ORDER_ID)),
				"Rejected in risk review");
	}

}
