package io.orderflow.exchange;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.payment.Authorizations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RenewDifferenceAuthorization}: on the exchange's own renewal timer, while the exchange runs (the
 * order's lifecycle, whose timer renews its authorizations, has usually ended by then): every open authorization
 * of the order that expires within {@code orderflow.payment.renew-before} with something uncaptured is renewed,
 * a dearer exchange's extra authorization ({@code authorize:exchange:<id>}) among them, so the replacement's
 * capture never meets an expired one. The same renewal as the lifecycle's; a repeat renews nothing more.
 */
@Component("renewDifferenceAuthorization")
class RenewDifferenceAuthorizationDelegate implements JavaDelegate {

	private final Authorizations authorizations;

	RenewDifferenceAuthorizationDelegate(Authorizations authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		// each call renews one authorization that needs it; a renewed one does not need it again
		int most = authorizations.authorizations(orderId).size();
		for (int i = 0; i < most && authorizations.renewIfExpiring(orderId).isPresent(); i++) {
			// renewed one, look for the next
		}
	}

}
