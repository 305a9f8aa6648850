package io.orderflow.delivery;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventCorrelator;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.events.EventSubjectNotFoundException;
import io.orderflow.platform.events.InboundEvent;
import io.orderflow.platform.events.InboundEvents;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carrier reports about parcels: stored by event id (a repeat changes nothing), applied to the
 * shipment, and DELIVERED correlated to the fulfillment order's process, now or, when the process
 * is not waiting yet, as soon as it is.
 */
@Service
public class CarrierEvents implements EventCorrelator {

	static final String SOURCE = "CARRIER";

	private final Shipments shipments;

	private final InboundEvents inbox;

	private final RuntimeService runtime;

	private final FulfillmentOrders fulfillmentOrders;

	CarrierEvents(Shipments shipments, InboundEvents inbox, RuntimeService runtime,
			FulfillmentOrders fulfillmentOrders) {
		this.shipments = shipments;
		this.fulfillmentOrders = fulfillmentOrders;
		this.inbox = inbox;
		this.runtime = runtime;
	}

	@Transactional
	public EventReceipt receive(UUID shipmentId, CarrierEventRequest event) {
		Shipment shipment = shipments.find(shipmentId)
			.orElseThrow(() -> new EventSubjectNotFoundException("No shipment " + shipmentId));
		if (!inbox.acceptOnce(event.eventId(), SOURCE, shipmentId, event.type(), event.detail())) {
			return new EventReceipt(event.eventId(), EventReceipt.Outcome.DUPLICATE, shipmentId, shipment.status().name());
		}
		ShipmentStatus reported = ShipmentStatus.valueOf(event.type());
		if (shipment.status() == ShipmentStatus.DELIVERED && reported != ShipmentStatus.DELIVERED) {
			throw new EventConflictException("Shipment " + shipment.trackingNumber() + " is already delivered");
		}
		shipments.report(shipmentId, reported, event.detail());
		inbox.deliver(event.eventId(), this);
		return new EventReceipt(event.eventId(), EventReceipt.Outcome.ACCEPTED, shipmentId,
				shipments.find(shipmentId).orElseThrow().status().name());
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public boolean correlate(InboundEvent event) {
		if (!ShipmentStatus.DELIVERED.name().equals(event.type())) {
			return true;
		}
		UUID fulfillmentOrderId = shipments.find(event.subjectId()).orElseThrow().fulfillmentOrderId();
		return !runtime.createMessageCorrelation(FulfillmentOrderProcess.Messages.SHIPMENT_DELIVERED)
			.processInstanceBusinessKey(fulfillmentOrders.find(fulfillmentOrderId).number())
			.correlateAllWithResult()
			.isEmpty();
	}

	/** Marks the DELIVERED reports of a shipment as having reached the process (it saw them itself). */
	@Transactional
	public void acknowledgeDelivered(UUID shipmentId) {
		inbox.markCorrelated(shipmentId, List.of(ShipmentStatus.DELIVERED.name()));
	}

}
