package io.orderflow.delivery;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.fulfillment.FulfillmentDeadlines;
import io.orderflow.order.OrderDelays.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_FlagDeliveryLate}: the carrier did not deliver the parcel by its limit: the fulfillment order is late
 * (order, fulfillment order, timeline, {@code fulfillment_order.late}); the agent's form says why and what the
 * carrier last said.
 */
@Component("flagDeliveryLate")
class FlagDeliveryLateDelegate implements JavaDelegate {

	private final FulfillmentDeadlines deadlines;

	private final Shipments shipments;

	FlagDeliveryLateDelegate(FulfillmentDeadlines deadlines, Shipments shipments) {
		this.deadlines = deadlines;
		this.shipments = shipments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		String lateness = deadlines.flagLate(id, Stage.DELIVERY);
		String carrierSays = shipments.ofFulfillmentOrder(id)
			.map(shipment -> ". Carrier status: " + shipment.status() + " since " + shipment.updatedAt()
					+ (shipment.statusDetail() == null ? "" : " (" + shipment.statusDetail() + ")"))
			.orElse("");
		execution.setVariable(FulfillmentOrderProcess.Variables.LATENESS, lateness + carrierSays);
	}

}
