package io.orderflow.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.order.Address;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery stage's public service: parcels, their carriers and tracking, as carriers report them. */
@Service
public class Shipments {

	private final ShipmentRepository repository;

	private final Carrier carrier;

	private final Orders orders;

	private final OrderEvents events;

	private final Clock clock;

	Shipments(ShipmentRepository repository, Carrier carrier, Orders orders, OrderEvents events, Clock clock) {
		this.repository = repository;
		this.carrier = carrier;
		this.orders = orders;
		this.events = events;
		this.clock = clock;
	}

	/** The data of the shipment events: the parcel, its carrier and tracking number, and what the carrier said. */
	record ShipmentEvent(UUID shipmentId, UUID fulfillmentOrderId, String fulfillmentOrderNumber, String carrier,
			String trackingNumber, ShipmentStatus status, boolean bookedByOrderflow, String detail) {
	}

	/**
	 * Makes sure a fulfillment order that left its location has a shipment: the one the location booked
	 * itself (carrier and tracking given), or one Orderflow books through the {@link Carrier}. Safe to
	 * repeat: the shipment is unique per fulfillment order and the carrier booking idempotent.
	 */
	@Transactional
	public Shipment ship(UUID orderId, UUID fulfillmentOrderId, String fulfillmentOrderNumber, Address shipTo,
			String locationCarrier, String locationTrackingNumber) {
		Optional<Shipment> existing = repository.findByFulfillmentOrder(fulfillmentOrderId);
		if (existing.isPresent()) {
			return existing.get();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		Shipment shipment;
		if (locationTrackingNumber != null) {
			shipment = new Shipment(UUID.randomUUID(), fulfillmentOrderId, orderId,
					locationCarrier == null ? "UNKNOWN" : locationCarrier, locationTrackingNumber, null,
					ShipmentStatus.BOOKED, false, now, now);
		}
		else {
			Carrier.CarrierBooking booking = carrier.book("book:" + fulfillmentOrderId, fulfillmentOrderNumber, shipTo);
			shipment = new Shipment(UUID.randomUUID(), fulfillmentOrderId, orderId, carrier.name(),
					booking.trackingNumber(), booking.labelReference(), ShipmentStatus.BOOKED, true, now, now);
		}
		repository.insert(shipment);
		orders.record(orderId, TimelineType.SHIPMENT, shipment.bookedByOrderflow() ? "system:carrier" : "location",
				"Fulfillment order " + fulfillmentOrderNumber + " handed to " + shipment.carrier() + ", tracking "
						+ shipment.trackingNumber());
		events.publish(orderId, EventType.SHIPMENT_BOOKED,
				new ShipmentEvent(shipment.id(), fulfillmentOrderId, fulfillmentOrderNumber, shipment.carrier(),
						shipment.trackingNumber(), shipment.status(), shipment.bookedByOrderflow(), null));
		return shipment;
	}

	/** Applies a carrier's report; false when it changes nothing (a repeat, or the parcel is already delivered). */
	@Transactional
	public boolean report(UUID shipmentId, ShipmentStatus reported, String detail) {
		Shipment shipment = find(shipmentId).orElseThrow(() -> new UnknownShipmentException(shipmentId));
		List<ShipmentStatus> from = switch (reported) {
			case IN_TRANSIT -> List.of(ShipmentStatus.BOOKED, ShipmentStatus.DELIVERY_FAILED);
			case DELIVERED -> List.of(ShipmentStatus.BOOKED, ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERY_FAILED);
			case DELIVERY_FAILED -> List.of(ShipmentStatus.BOOKED, ShipmentStatus.IN_TRANSIT);
			case BOOKED -> List.of();
		};
		boolean changed = repository.transition(shipmentId, from, reported, OffsetDateTime.now(clock));
		if (changed) {
			orders.record(shipment.orderId(), TimelineType.SHIPMENT, "carrier:" + shipment.carrier(),
					"Parcel " + shipment.trackingNumber() + " " + describe(reported)
							+ (detail == null || detail.isBlank() ? "" : ": " + detail));
			EventType type = switch (reported) {
				case IN_TRANSIT -> EventType.SHIPMENT_IN_TRANSIT;
				case DELIVERED -> EventType.SHIPMENT_DELIVERED;
				case DELIVERY_FAILED -> EventType.SHIPMENT_DELIVERY_FAILED;
				case BOOKED -> EventType.SHIPMENT_BOOKED;
			};
			events.publish(shipment.orderId(), type,
					new ShipmentEvent(shipment.id(), shipment.fulfillmentOrderId(), null, shipment.carrier(),
							shipment.trackingNumber(), reported, shipment.bookedByOrderflow(),
							detail == null || detail.isBlank() ? null : detail));
		}
		return changed;
	}

	@Transactional(readOnly = true)
	public Optional<Shipment> find(UUID shipmentId) {
		return repository.find(shipmentId);
	}

	@Transactional(readOnly = true)
	public Optional<Shipment> ofFulfillmentOrder(UUID fulfillmentOrderId) {
		return repository.findByFulfillmentOrder(fulfillmentOrderId);
	}

	@Transactional(readOnly = true)
	public List<Shipment> ofOrder(UUID orderId) {
		return repository.ofOrder(orderId);
	}

	@Transactional(readOnly = true)
	List<Shipment> inStatusSince(ShipmentStatus status, OffsetDateTime before, int limit) {
		return repository.inStatusSince(status, before, limit);
	}

	private static String describe(ShipmentStatus status) {
		return switch (status) {
			case BOOKED -> "booked";
			case IN_TRANSIT -> "in transit";
			case DELIVERED -> "delivered";
			case DELIVERY_FAILED -> "could not be delivered";
		};
	}

	/** No shipment with this id. */
	public static class UnknownShipmentException extends RuntimeException {

		public UnknownShipmentException(UUID id) {
			super("No shipment " + id);
		}

	}

}
