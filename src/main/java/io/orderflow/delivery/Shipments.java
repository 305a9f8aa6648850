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

	/**
	 * The data of the shipment events: the parcel, its carrier and tracking number, and what the carrier said; for a
	 * booking after a failed delivery, the attempt and the shipment it replaces.
	 */
	record ShipmentEvent(UUID shipmentId, UUID fulfillmentOrderId, String fulfillmentOrderNumber, String carrier,
			String trackingNumber, ShipmentStatus status, boolean bookedByOrderflow, String detail, int attempt,
			UUID replacesShipmentId) {
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
					ShipmentStatus.BOOKED, null, false, now, now, 1, null);
		}
		else {
			Carrier.CarrierBooking booking = carrier.book("book:" + fulfillmentOrderId, fulfillmentOrderNumber, shipTo);
			shipment = new Shipment(UUID.randomUUID(), fulfillmentOrderId, orderId, carrier.name(),
					booking.trackingNumber(), booking.labelReference(), ShipmentStatus.BOOKED, null, true, now, now, 1,
					null);
		}
		repository.insert(shipment);
		orders.record(orderId, TimelineType.SHIPMENT, shipment.bookedByOrderflow() ? "system:carrier" : "location",
				"Fulfillment order " + fulfillmentOrderNumber + " handed to " + shipment.carrier() + ", tracking "
						+ shipment.trackingNumber());
		events.publish(orderId, EventType.SHIPMENT_BOOKED,
				new ShipmentEvent(shipment.id(), fulfillmentOrderId, fulfillmentOrderNumber, shipment.carrier(),
						shipment.trackingNumber(), shipment.status(), shipment.bookedByOrderflow(), null, 1, null));
		return shipment;
	}

	/**
	 * Books the parcel of a failed delivery with the {@link Carrier} again (key {@code redeliver:<shipmentId>}): a
	 * new shipment, the next attempt, which replaces the failed one. Safe to repeat: the booking is idempotent, and
	 * a shipment already replaced answers its replacement.
	 * @throws IllegalStateException when the failed shipment is not the fulfillment order's latest
	 */
	@Transactional
	public Shipment rebook(UUID failedShipmentId, String fulfillmentOrderNumber, Address shipTo) {
		Shipment failed = find(failedShipmentId).orElseThrow(() -> new UnknownShipmentException(failedShipmentId));
		if (failed.replacedBy() != null) {
			return find(failed.replacedBy()).orElseThrow();
		}
		Shipment latest = repository.findByFulfillmentOrder(failed.fulfillmentOrderId()).orElseThrow();
		if (!latest.id().equals(failed.id())) {
			throw new IllegalStateException("Shipment " + failed.trackingNumber() + " is not the latest of its parcel");
		}
		Carrier.CarrierBooking booking = carrier.book("redeliver:" + failedShipmentId, fulfillmentOrderNumber, shipTo);
		OffsetDateTime now = OffsetDateTime.now(clock);
		Shipment again = new Shipment(UUID.randomUUID(), failed.fulfillmentOrderId(), failed.orderId(), carrier.name(),
				booking.trackingNumber(), booking.labelReference(), ShipmentStatus.BOOKED, null, true, now, now,
				failed.attempt() + 1, null);
		repository.insert(again);
		repository.markReplaced(failed.id(), again.id(), now);
		orders.record(again.orderId(), TimelineType.SHIPMENT, "system:carrier", "Fulfillment order "
				+ fulfillmentOrderNumber + " handed to " + again.carrier() + " again after a failed delivery, tracking "
				+ again.trackingNumber() + " (attempt " + again.attempt() + ", replaces " + failed.trackingNumber() + ")");
		events.publish(again.orderId(), EventType.SHIPMENT_BOOKED,
				new ShipmentEvent(again.id(), again.fulfillmentOrderId(), fulfillmentOrderNumber, again.carrier(),
						again.trackingNumber(), again.status(), true, null, again.attempt(), failed.id()));
		return again;
	}

	/**
	 * Applies a carrier's report; false when it changes nothing (a repeat, or a step the parcel cannot take from where
	 * it is).
	 */
	@Transactional
	public boolean report(UUID shipmentId, ShipmentStatus reported, String detail) {
		return report(shipmentId, reported, detail, null);
	}

	/**
	 * {@link #report(UUID, ShipmentStatus, String)} by someone other than the carrier (a location that has the parcel
	 * back), named on the timeline as {@code actor}.
	 */
	@Transactional
	public boolean report(UUID shipmentId, ShipmentStatus reported, String detail, String actor) {
		Shipment shipment = find(shipmentId).orElseThrow(() -> new UnknownShipmentException(shipmentId));
		List<ShipmentStatus> from = switch (reported) {
			case IN_TRANSIT -> List.of(ShipmentStatus.BOOKED, ShipmentStatus.DELIVERY_FAILED);
			case DELIVERED -> List.of(ShipmentStatus.BOOKED, ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERY_FAILED);
			case DELIVERY_FAILED -> List.of(ShipmentStatus.BOOKED, ShipmentStatus.IN_TRANSIT);
			case RETURNED_TO_SENDER -> List.of(ShipmentStatus.BOOKED, ShipmentStatus.IN_TRANSIT,
					ShipmentStatus.DELIVERY_FAILED);
			case BOOKED -> List.of();
		};
		boolean changed = repository.transition(shipmentId, from, reported,
				detail == null || detail.isBlank() ? null : detail.strip(), OffsetDateTime.now(clock));
		if (changed) {
			orders.record(shipment.orderId(), TimelineType.SHIPMENT, actor == null ? "carrier:" + shipment.carrier() : actor,
					"Parcel " + shipment.trackingNumber() + " " + describe(reported)
							+ (detail == null || detail.isBlank() ? "" : ": " + detail));
			EventType type = switch (reported) {
				case IN_TRANSIT -> EventType.SHIPMENT_IN_TRANSIT;
				case DELIVERED -> EventType.SHIPMENT_DELIVERED;
				case DELIVERY_FAILED -> EventType.SHIPMENT_DELIVERY_FAILED;
				case RETURNED_TO_SENDER -> EventType.SHIPMENT_RETURNED_TO_SENDER;
				case BOOKED -> EventType.SHIPMENT_BOOKED;
			};
			events.publish(shipment.orderId(), type,
					new ShipmentEvent(shipment.id(), shipment.fulfillmentOrderId(), null, shipment.carrier(),
							shipment.trackingNumber(), reported, shipment.bookedByOrderflow(),
							detail == null || detail.isBlank() ? null : detail, shipment.attempt(), null));
		}
		return changed;
	}

	@Transactional(readOnly = true)
	public Optional<Shipment> find(UUID shipmentId) {
		return repository.find(shipmentId);
	}

	/** The fulfillment order's shipment in use: its latest booking. */
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
			case RETURNED_TO_SENDER -> "is back at the sender";
		};
	}

	/** No shipment with this id. */
	public static class UnknownShipmentException extends RuntimeException {

		public UnknownShipmentException(UUID id) {
			super("No shipment " + id);
		}

	}

}
