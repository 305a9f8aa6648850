package io.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RetryAllocation}: tries the backordered lines again (stock may have arrived); nothing while an agent
 * holds the order, whose release makes the retry due at once ({@link HeldOrders}).
 */
@Component("retryAllocation")
class RetryAllocationDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final OrderProgress progress;

	private final HeldOrders heldOrders;

	RetryAllocationDelegate(FulfillmentOrders fulfillmentOrders, OrderProgress progress, HeldOrders heldOrders) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.progress = progress;
		this.heldOrders = heldOrders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		if (heldOrders.heldNow(orderId)) {
			execution.setVariable(LifecycleProcess.Variables.NEW_FULFILLMENT_ORDER_IDS, OrderProcess.idList(List.of()));
			execution.setVariable(LifecycleProcess.Variables.BACKORDERED, true);
			return;
		}
		AllocationResult result = fulfillmentOrders.allocateApproved(orderId, "system:allocation");
		execution.setVariable(LifecycleProcess.Variables.NEW_FULFILLMENT_ORDER_IDS,
				OrderProcess.idList(result.fulfillmentOrderIds()));
		execution.setVariable(LifecycleProcess.Variables.BACKORDERED, !result.fullyAllocated());
		progress.refresh(orderId, "system:allocation");
	}

}
