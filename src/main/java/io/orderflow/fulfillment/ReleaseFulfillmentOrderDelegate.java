package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ReleaseFulfillmentOrder}: the location may now pick, pack and ship it; not while an agent holds the
 * order (it stays CREATED, and the hold's release releases it: {@link HeldOrders}).
 */
@Component("releaseFulfillmentOrder")
class ReleaseFulfillmentOrderDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final HeldOrders heldOrders;

	ReleaseFulfillmentOrderDelegate(FulfillmentOrders fulfillmentOrders, HeldOrders heldOrders) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.heldOrders = heldOrders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		execution.setProcessBusinessKey(fulfillmentOrder.number());
		if (fulfillmentOrder.status() == FulfillmentOrderStatus.CREATED) {
			heldOrders.releaseUnlessHeld(id);
		}
	}

}
