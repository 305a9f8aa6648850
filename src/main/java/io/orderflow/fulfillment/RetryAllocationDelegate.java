package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RetryAllocation}: tries the backordered lines again (stock may have arrived). */
@Component("retryAllocation")
class RetryAllocationDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final OrderProgress progress;

	RetryAllocationDelegate(FulfillmentOrders fulfillmentOrders, OrderProgress progress) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		AllocationResult result = fulfillmentOrders.allocateApproved(orderId, "system:allocation");
		execution.setVariable(LifecycleProcess.Variables.NEW_FULFILLMENT_ORDER_IDS,
				OrderProcess.idList(result.fulfillmentOrderIds()));
		execution.setVariable(LifecycleProcess.Variables.BACKORDERED, !result.fullyAllocated());
		progress.refresh(orderId, "system:allocation");
	}

}
