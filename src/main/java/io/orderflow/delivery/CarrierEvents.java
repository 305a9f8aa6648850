package io.orderflow.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
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
 * Carrier reports about parcels: stored by event id (a repeat changes nothing), applied to the shipment, and
 * correlated to the fulfillment order's process, now or, when the process is not waiting yet, as soon as it is:
 * DELIVERED ends the wait for delivery (or an open failed delivery), DELIVERY_FAILED puts the delivery on its
 * exception path, RETURNED_TO_SENDER brings back a parcel awaited for a refund (and counts as a failed delivery when
 * none was reported). A report on a delivered parcel, on one back at the sender, or on a shipment that a new booking
 * replaced contradicts what is known: 409. A report that changes nothing needs no process.
 */
@Service
public class CarrierEvents implements EventCorrelator {

	static final String SOURCE = "CARRIER";

	/** Every type a carrier reports, as stored in the inbox. */
	static final List<String> EVERY_TYPE = Arrays.stream(ShipmentStatus.values())
		.filter(status -> status != ShipmentStatus.BOOKED)
		.map(Enum::name)
		.toList();

	private final Shipments shipments;

	private final InboundEvents inbox;

	private final RuntimeService runtime;

	private final FulfillmentOrders fulfillmentOrders;

	private final DeliveryFailures failures;

	CarrierEvents(Shipments shipments, InboundEvents inbox, RuntimeService runtime,
			FulfillmentOrders fulfillmentOrders, DeliveryFailures failures) {
		this.shipments = shipments;
		this.fulfillmentOrders = fulfillmentOrders;
		this.inbox = inbox;
		this.runtime = runtime;
		this.failures = failures;
	}

	@Transactional
	public EventReceipt receive(UUID shipmentId, CarrierEventRequest event) {
		Shipment shipment = shipments.find(shipmentId)
			.orElseThrow(() -> new EventSubjectNotFoundException("No shipment " + shipmentId));
		if (!inbox.acceptOnce(event.eventId(), SOURCE, shipmentId, event.type(), event.detail())) {
			return new EventReceipt(event.eventId(), EventReceipt.Outcome.DUPLICATE, shipmentId, shipment.status().name());
		}
		ShipmentStatus reported = ShipmentStatus.valueOf(event.type());
		if (shipment.replacedBy() != null) {
			throw new EventConflictException("Shipment " + shipment.trackingNumber() + " was booked again after a failed "
					+ "delivery: report on shipment " + shipment.replacedBy());
		}
		if (shipment.status().finished() && reported != shipment.status()) {
			throw new EventConflictException("Shipment " + shipment.trackingNumber() + " is already "
					+ (shipment.status() == ShipmentStatus.DELIVERED ? "delivered" : "back at the sender"));
		}
		if (shipments.report(shipmentId, reported, event.detail())) {
			inbox.deliver(event.eventId(), this);
		}
		else {
			// a repeat of what the shipment already says, by another event id: nothing for the process
			inbox.markCorrelated(event.eventId());
		}
		return new EventReceipt(event.eventId(), EventReceipt.Outcome.ACCEPTED, shipmentId,
				shipments.find(shipmentId).orElseThrow().status().name());
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public boolean correlate(InboundEvent event) {
		if (ShipmentStatus.IN_TRANSIT.name().equals(event.type())) {
			return true;
		}
		Shipment shipment = shipments.find(event.subjectId()).orElseThrow();
		FulfillmentOrder fo = fulfillmentOrders.find(shipment.fulfillmentOrderId());
		ShipmentStatus type = ShipmentStatus.valueOf(event.type());
		if (type == ShipmentStatus.DELIVERED) {
			return send(fo, FulfillmentOrderProcess.Messages.SHIPMENT_DELIVERED, Map.of()) || settled(shipment, fo);
		}
		if (type == ShipmentStatus.RETURNED_TO_SENDER
				&& send(fo, FulfillmentOrderProcess.Messages.PARCEL_RETURNED, Map.of())) {
			return true;
		}
		if (send(fo, FulfillmentOrderProcess.Messages.DELIVERY_FAILED, Map.of())) {
			return true;
		}
		// not waited for: done when the process knows of the failure or has no use for it any more; else it picks it up
		// itself (Task_CheckDelivery for a failure, Task_HoldUndeliveredUnits for a parcel back)
		return settled(shipment, fo) || failures.ofShipment(shipment.id())
			.filter(failure -> type == ShipmentStatus.DELIVERY_FAILED || !failure.status().pending())
			.isPresent();
	}

	/** Marks the DELIVERED reports of a shipment as having reached the process (it saw them itself). */
	@Transactional
	public void acknowledgeDelivered(UUID shipmentId) {
		inbox.markCorrelated(shipmentId, List.of(ShipmentStatus.DELIVERED.name()));
	}

	private boolean send(FulfillmentOrder fo, String message, Map<String, Object> variables) {
		return !runtime.createMessageCorrelation(message)
			.processInstanceBusinessKey(fo.number())
			.setVariables(variables)
			.correlateAllWithResult()
			.isEmpty();
	}

	/** The process has no use for reports on this parcel any more: replaced by a new booking, or its outcome settled. */
	private static boolean settled(Shipment shipment, FulfillmentOrder fo) {
		return shipment.replacedBy() != null || fo.status() == FulfillmentOrderStatus.DELIVERED
				|| fo.status().closed();
	}

}
