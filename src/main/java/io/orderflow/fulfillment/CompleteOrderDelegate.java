package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.payment.Authorizations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CompleteOrder}: every fulfillment order is delivered (or what was left got canceled).
 * The order ends DELIVERED, or CANCELED when nothing of it shipped; an agent's hold still open is released (by
 * "system": "the order is completed"); whatever is still authorized but will never be captured is released.
 */
@Component("completeOrder")
class CompleteOrderDelegate implements JavaDelegate {

	/** Who releases a hold the order outlived. */
	static final String SYSTEM = "system";

	private final Authorizations authorizations;

	private final OrderProgress progress;

	private final HeldOrders heldOrders;

	CompleteOrderDelegate(Authorizations authorizations, OrderProgress progress, HeldOrders heldOrders) {
		this.authorizations = authorizations;
		this.progress = progress;
		this.heldOrders = heldOrders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		// the final status first (the order's row locked from here on), then the money it settles
		progress.refresh(orderId, "system:fulfillment");
		// an agent's hold has nothing left to stop
		heldOrders.releaseOnCompletion(orderId, SYSTEM);
		authorizations.releaseUncaptured(orderId);
	}

}
