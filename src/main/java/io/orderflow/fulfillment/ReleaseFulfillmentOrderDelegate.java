package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ReleaseFulfillmentOrder}: the location may now pick, pack and ship it. */
@Component("releaseFulfillmentOrder")
class ReleaseFulfillmentOrderDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	ReleaseFulfillmentOrderDelegate(FulfillmentOrders fulfillmentOrders) {
		this.fulfillmentOrders = fulfillmentOrders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		execution.setProcessBusinessKey(fulfillmentOrder.number());
		if (fulfillmentOrder.status() == FulfillmentOrderStatus.CREATED) {
			fulfillmentOrders.release(id);
		}
	}

}
