package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_AllocateInventory}: reserves stock for everything still unallocated; the new fulfillment
 * orders go to the multi-instance "Fulfill order at location", the rest is backordered.
 */
@Component("allocateInventory")
class AllocateInventoryDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final OrderProgress progress;

	AllocateInventoryDelegate(FulfillmentOrders fulfillmentOrders, OrderProgress progress) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		AllocationResult result = fulfillmentOrders.allocateApproved(orderId, "system:allocation");
		execution.setVariable(LifecycleProcess.Variables.FULFILLMENT_ORDER_IDS, OrderProcess.idList(result.fulfillmentOrderIds()));
		execution.setVariable(LifecycleProcess.Variables.BACKORDERED, !result.fullyAllocated());
		progress.refresh(orderId, "system:allocation");
	}

}
