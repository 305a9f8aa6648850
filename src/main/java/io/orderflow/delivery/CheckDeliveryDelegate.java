package io.orderflow.delivery;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckDelivery}: the carrier may have reported delivery, or a failed delivery (or the parcel back at the
 * sender), before the process waits for it.
 */
@Component("checkDelivery")
class CheckDeliveryDelegate implements JavaDelegate {

	private final Shipments shipments;

	private final CarrierEvents carrierEvents;

	CheckDeliveryDelegate(Shipments shipments, CarrierEvents carrierEvents) {
		this.shipments = shipments;
		this.carrierEvents = carrierEvents;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		Shipment shipment = shipments.ofFulfillmentOrder(id).orElseThrow();
		boolean delivered = shipment.status() == ShipmentStatus.DELIVERED;
		if (delivered) {
			carrierEvents.acknowledgeDelivered(shipment.id());
		}
		execution.setVariable(FulfillmentOrderProcess.Variables.DELIVERED, delivered);
		execution.setVariable(FulfillmentOrderProcess.Variables.DELIVERY_FAILED,
				shipment.status() == ShipmentStatus.DELIVERY_FAILED || shipment.status() == ShipmentStatus.RETURNED_TO_SENDER);
	}

}
