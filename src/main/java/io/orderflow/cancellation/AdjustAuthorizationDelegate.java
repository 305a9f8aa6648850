package io.orderflow.cancellation;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.payment.Authorizations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_AdjustAuthorization}: after a cancellation the payment authorization covers only what is
 * still to be charged (reduced, or voided when nothing is). No refund: only shipped units are captured,
 * and shipped units are never canceled.
 */
@Component("adjustAuthorization")
class AdjustAuthorizationDelegate implements JavaDelegate {

	private final Authorizations authorizations;

	AdjustAuthorizationDelegate(Authorizations authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		authorizations.reduceToOutstanding(OrderProcess.id(execution, Variables.ORDER_ID),
				"cancellation " + execution.getVariable(CancellationProcess.Variables.CANCELLATION_ID));
	}

}
