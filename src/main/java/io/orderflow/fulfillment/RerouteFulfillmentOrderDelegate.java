package io.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.platform.events.InboundEvents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RerouteFulfillmentOrder}: the location rejected the fulfillment order; its lines go to
 * other locations, each new fulfillment order into "Fulfill re-routed lines".
 */
@Component("rerouteFulfillmentOrder")
class RerouteFulfillmentOrderDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final OrderProgress progress;

	private final InboundEvents inbox;

	RerouteFulfillmentOrderDelegate(FulfillmentOrders fulfillmentOrders, OrderProgress progress, InboundEvents inbox) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.progress = progress;
		this.inbox = inbox;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		Object reason = execution.getVariable(FulfillmentOrderProcess.Variables.REJECTION_REASON);
		List<UUID> rerouted = fulfillmentOrders.reject(id, reason == null ? "rejected by the location" : reason.toString());
		inbox.markCorrelated(id, List.of(LocationEvents.REJECTED));
		execution.setVariable(LifecycleProcess.Variables.REROUTED_FULFILLMENT_ORDER_IDS, OrderProcess.idList(rerouted));
		progress.refresh(fulfillmentOrders.find(id).orderId(), "system:allocation");
	}

}
