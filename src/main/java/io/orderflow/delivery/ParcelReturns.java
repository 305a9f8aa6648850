package io.orderflow.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.fulfillment.FulfillmentDeadlines;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.ReturnedParcels;
import io.orderflow.fulfillment.UndeliveredUnits;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.InboundEvents;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parcel of a failed delivery awaited back at the sender for the refund of its units ({@link DeliveryFailures}
 * holds them): how long it may take ({@code returnBy}, FulfillmentLimits stage RETURN by delivery method, or an
 * agent's new deadline; the FulfillmentOrder process waits on {@code ${parcelReturns.returnBy(fulfillmentOrderId)}}),
 * what happens when it does not come back in time (a service agent keeps waiting, or gives it up as lost and refunds
 * its units all the same), and the location's report that it has the parcel back, which counts as the carrier's
 * RETURNED_TO_SENDER: the shipment is back at the sender, whoever said so first.
 */
@Service("parcelReturns")
public class ParcelReturns implements ReturnedParcels {

	/** What shipment.status_detail holds. */
	private static final int MAX_DETAIL = 500;

	private final DeliveryFailureRepository repository;

	private final DeliveryFailures failures;

	private final Shipments shipments;

	private final FulfillmentOrders fulfillmentOrders;

	private final UndeliveredUnits units;

	private final FulfillmentDeadlines deadlines;

	private final Orders orders;

	private final InboundEvents inbox;

	private final Clock clock;

	ParcelReturns(DeliveryFailureRepository repository, DeliveryFailures failures, Shipments shipments,
			FulfillmentOrders fulfillmentOrders, UndeliveredUnits units, FulfillmentDeadlines deadlines, Orders orders,
			InboundEvents inbox, Clock clock) {
		this.repository = repository;
		this.failures = failures;
		this.shipments = shipments;
		this.fulfillmentOrders = fulfillmentOrders;
		this.units = units;
		this.deadlines = deadlines;
		this.orders = orders;
		this.inbox = inbox;
		this.clock = clock;
	}

	/**
	 * When the parcel awaited back must be back at the sender, for the process's timer; the limit starts now if it has
	 * none yet (a parcel awaited back before limits existed).
	 */
	@Transactional
	public Date returnBy(String fulfillmentOrderId) {
		UUID id = UUID.fromString(fulfillmentOrderId);
		DeliveryFailure failure = latest(id);
		OffsetDateTime returnBy = failure.returnBy();
		if (returnBy == null) {
			returnBy = now().plus(deadlines.returnLimit(id)).truncatedTo(ChronoUnit.SECONDS);
			repository.returnBy(failure.shipmentId(), returnBy, now());
		}
		return Date.from(returnBy.toInstant());
	}

	/**
	 * {@code Task_FlagParcelNotReturned}: the return deadline passed and the parcel is not back: the timeline says so
	 * (once per deadline).
	 * @return the parcel in words, for the agent's form of "Parcel not returned"
	 */
	@Transactional
	public String flagNotReturned(UUID fulfillmentOrderId) {
		DeliveryFailure failure = latest(fulfillmentOrderId);
		Shipment shipment = shipments.find(failure.shipmentId()).orElseThrow();
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		String described = "parcel " + shipment.trackingNumber() + " (" + shipment.carrier() + ") of fulfillment order "
				+ fo.number() + " was to be back at " + fo.locationId() + " by " + failure.returnBy() + ", to refund "
				+ DeliveryFailures.units(fo);
		if (failure.status() == DeliveryFailure.Status.AWAITING_RETURN) {
			orders.record(fo.orderId(), TimelineType.SHIPMENT, DeliveryFailures.ACTOR, "Not back at the sender: "
					+ described);
		}
		DeliveryFailures.RefundCheck check = failures.refundCheck(fulfillmentOrderId);
		return "The " + described + ". It could not be delivered: " + failure.reason() + ". Carrier status now: "
				+ shipment.status() + " since " + shipment.updatedAt()
				+ (shipment.statusDetail() == null ? "" : " (" + shipment.statusDetail() + ")") + ". A refund credits "
				+ check.value().toPlainString() + " " + check.currency() + " (" + check.refundable().toPlainString()
				+ " " + check.currency() + " left to refund).";
	}

	/**
	 * {@code Task_ExtendReturnDeadline}: the agent keeps waiting for the parcel until a new date, on the timeline.
	 * @return whether the parcel is back at the sender already
	 * @throws io.orderflow.platform.web.InvalidRequestException naming {@code newDeadline} when it is not a date in the
	 * future, at most a year ahead
	 */
	@Transactional
	public boolean extend(UUID fulfillmentOrderId, String newDeadline, String actor) {
		OffsetDateTime deadline = deadlines.newDeadline(newDeadline);
		DeliveryFailure failure = latest(fulfillmentOrderId);
		Shipment shipment = shipments.find(failure.shipmentId()).orElseThrow();
		if (failure.status() == DeliveryFailure.Status.AWAITING_RETURN) {
			repository.returnBy(failure.shipmentId(), deadline, now());
			orders.record(failure.orderId(), TimelineType.SHIPMENT, actor, "New deadline for parcel "
					+ shipment.trackingNumber() + " to be back at the sender: " + deadline);
		}
		return shipment.status() == ShipmentStatus.RETURNED_TO_SENDER;
	}

	/**
	 * {@code Task_WriteOffParcel}: the agent refunds the units of a parcel that did not come back: it is given up as
	 * lost (NOT_RETURNED), the fulfillment order becomes UNDELIVERED and its held units count as returned, not back
	 * in stock; the refund follows ({@link DeliveryFailures#refund}). A repeat changes nothing.
	 * @throws StateConflictException when the parcel is no longer awaited back (back, delivered, or resolved otherwise)
	 */
	@Transactional
	public void writeOff(UUID fulfillmentOrderId, String decidedBy) {
		DeliveryFailure failure = latest(fulfillmentOrderId);
		Shipment shipment = shipments.find(failure.shipmentId()).orElseThrow();
		if (repository.transition(shipment.id(), DeliveryFailure.Status.AWAITING_RETURN,
				DeliveryFailure.Status.NOT_RETURNED, null, null, now())) {
			units.lost(fulfillmentOrderId, "parcel " + shipment.trackingNumber() + " not back at the sender by "
					+ failure.returnBy() + ", given up as lost by " + decidedBy + ", its units refunded", decidedBy);
			inbox.markCorrelated(shipment.id(), CarrierEvents.EVERY_TYPE);
		}
		else if (failure.status() != DeliveryFailure.Status.NOT_RETURNED
				&& failure.status() != DeliveryFailure.Status.REFUNDED) {
			throw new StateConflictException("The parcel " + shipment.trackingNumber() + " is " + failure.status()
					+ ", not awaited back: it is not given up as lost");
		}
	}

	@Override
	@Transactional
	public boolean backAtLocation(UUID fulfillmentOrderId, String locationId, String note) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		Optional<Shipment> current = shipments.ofFulfillmentOrder(fulfillmentOrderId);
		if (current.filter(shipment -> shipment.status() == ShipmentStatus.RETURNED_TO_SENDER).isPresent()) {
			// the carrier, or the location before, reported it back: nothing changes
			return false;
		}
		Optional<DeliveryFailure> failure = failures.latestOf(fulfillmentOrderId);
		if (current.isEmpty() || failure.isEmpty() || !failure.get().shipmentId().equals(current.get().id())
				|| failure.get().status() != DeliveryFailure.Status.AWAITING_RETURN) {
			throw new EventConflictException("Fulfillment order " + fo.number() + " (" + fo.status()
					+ ") awaits no parcel back: " + failure.filter(f -> current.isPresent()
						&& f.shipmentId().equals(current.get().id()))
						.map(f -> "its failed delivery is " + f.status()
								+ (f.status() == DeliveryFailure.Status.OPEN ? " (no refund decided yet)" : ""))
						.orElse("its delivery did not fail"));
		}
		Shipment shipment = current.get();
		String detail = "Back at " + locationId + ", reported by the location"
				+ (note == null || note.isBlank() ? "" : ": " + note.strip());
		// false when the carrier's report came first meanwhile (the shipment's row decides): nothing changes then
		return shipments.report(shipment.id(), ShipmentStatus.RETURNED_TO_SENDER,
				detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail, locationId);
	}

	@Override
	@Transactional(readOnly = true)
	public boolean refundAwaitsReturn(UUID fulfillmentOrderId) {
		return failures.latestOf(fulfillmentOrderId)
			.filter(failure -> failure.status() == DeliveryFailure.Status.AWAITING_RETURN)
			.isPresent();
	}

	private DeliveryFailure latest(UUID fulfillmentOrderId) {
		return failures.latestOf(fulfillmentOrderId).orElseThrow(() -> new StateConflictException(
				"Fulfillment order " + fulfillmentOrders.find(fulfillmentOrderId).number() + " has no failed delivery"));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
