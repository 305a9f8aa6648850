package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CancelBackorderedLines}: the agent decided to cancel what no location has. */
@Component("cancelBackorderedLines")
class CancelBackorderedLinesDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final OrderProgress progress;

	CancelBackorderedLinesDelegate(FulfillmentOrders fulfillmentOrders, OrderProgress progress) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		fulfillmentOrders.cancelUnallocated(orderId, "system:backorder");
		progress.refresh(orderId, "system:backorder");
	}

}
