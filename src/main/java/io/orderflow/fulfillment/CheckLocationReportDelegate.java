package io.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.platform.events.InboundEvent;
import io.orderflow.platform.events.InboundEvents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckLocationReport}: a location may report SHIPPED or REJECTED before the process
 * waits for it. The report is stored; this takes it from there (SHIPPED, REJECTED) or lets the process
 * wait (PENDING). A fulfillment order a cancellation called off before this ends its process (CANCELED).
 */
@Component("checkLocationReport")
class CheckLocationReportDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final InboundEvents inbox;

	CheckLocationReportDelegate(FulfillmentOrders fulfillmentOrders, InboundEvents inbox) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.inbox = inbox;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		String report = "PENDING";
		if (fulfillmentOrder.status() == FulfillmentOrderStatus.CANCELED) {
			// called off by a cancellation before the process got here
			report = "CANCELED";
		}
		else if (fulfillmentOrder.status().compareTo(FulfillmentOrderStatus.SHIPPED) >= 0
				&& fulfillmentOrder.status() != FulfillmentOrderStatus.CANCELED
				&& fulfillmentOrder.status() != FulfillmentOrderStatus.REJECTED) {
			report = "SHIPPED";
			inbox.markCorrelated(id, List.of(LocationEvents.SHIPPED));
		}
		else {
			List<InboundEvent> rejections = inbox.pending(id, LocationEvents.REJECTED);
			if (!rejections.isEmpty()) {
				report = "REJECTED";
				execution.setVariable(FulfillmentOrderProcess.Variables.REJECTION_REASON, rejections.get(0).payload());
				inbox.markCorrelated(id, List.of(LocationEvents.REJECTED));
			}
		}
		execution.setVariable(FulfillmentOrderProcess.Variables.LOCATION_REPORT, report);
	}

}
