package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.payment.Authorizations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CompleteOrder}: every fulfillment order is delivered (or what was left got canceled).
 * Whatever is still authorized but will never be captured is released; the order ends DELIVERED, or
 * CANCELED when nothing of it shipped.
 */
@Component("completeOrder")
class CompleteOrderDelegate implements JavaDelegate {

	private final Authorizations authorizations;

	private final OrderProgress progress;

	CompleteOrderDelegate(Authorizations authorizations, OrderProgress progress) {
		this.authorizations = authorizations;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		// the final status first (the order's row locked from here on), then the money it settles
		progress.refresh(orderId, "system:fulfillment");
		authorizations.releaseUncaptured(orderId);
	}

}
