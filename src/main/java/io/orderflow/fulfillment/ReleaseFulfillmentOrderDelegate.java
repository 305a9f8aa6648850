package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ReleaseFulfillmentOrder}: the location may now pick, pack and ship it, within the limit of the order's
 * delivery method ({@link FulfillmentDeadlines}); not while an agent holds the order (it stays CREATED, and the
 * hold's release releases it: {@link HeldOrders}).
 */
@Component("releaseFulfillmentOrder")
class ReleaseFulfillmentOrderDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final HeldOrders heldOrders;

	private final FulfillmentDeadlines deadlines;

	ReleaseFulfillmentOrderDelegate(FulfillmentOrders fulfillmentOrders, HeldOrders heldOrders,
			FulfillmentDeadlines deadlines) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.heldOrders = heldOrders;
		this.deadlines = deadlines;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		execution.setProcessBusinessKey(fulfillmentOrder.number());
		if (fulfillmentOrder.status() == FulfillmentOrderStatus.CREATED) {
			heldOrders.releaseUnlessHeld(id);
		}
		if (fulfillmentOrders.find(id).status().open()) {
			deadlines.startShipping(id);
		}
	}

}
