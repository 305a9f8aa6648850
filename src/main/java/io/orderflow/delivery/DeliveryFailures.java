package io.orderflow.delivery;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.fulfillment.FulfillmentDeadlines;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.UndeliveredUnits;
import io.orderflow.order.Address;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.Notifications.Fact;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.payment.Refunds;
import io.orderflow.platform.events.InboundEvents;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Parcels that did not reach the customer, and what becomes of them: the steps of the FulfillmentOrder process's
 * exception path after a failed delivery (or a parcel given up as lost), each once whatever is retried. A failure
 * is recorded and the customer told; a service agent decides; then the parcel is booked with the carrier again
 * (redeliver), given up for a reshipment of its units (reship), or awaited back at the sender and its units credited
 * and refunded through a credit memo with the source key {@code undelivered:<fulfillmentOrderId>} (refund). A parcel
 * the carrier delivers after all closes whatever was still open.
 */
@Service
public class DeliveryFailures {

	static final String ACTOR = "system:delivery";

	private final DeliveryFailureRepository repository;

	private final Shipments shipments;

	private final FulfillmentOrders fulfillmentOrders;

	private final UndeliveredUnits units;

	private final FulfillmentDeadlines deadlines;

	private final Orders orders;

	private final Notifications notifications;

	private final Refunds refunds;

	private final InboundEvents inbox;

	private final Clock clock;

	DeliveryFailures(DeliveryFailureRepository repository, Shipments shipments, FulfillmentOrders fulfillmentOrders,
			UndeliveredUnits units, FulfillmentDeadlines deadlines, Orders orders, Notifications notifications,
			Refunds refunds, InboundEvents inbox, Clock clock) {
		this.repository = repository;
		this.shipments = shipments;
		this.fulfillmentOrders = fulfillmentOrders;
		this.units = units;
		this.deadlines = deadlines;
		this.orders = orders;
		this.notifications = notifications;
		this.refunds = refunds;
		this.inbox = inbox;
		this.clock = clock;
	}

	/**
	 * {@code Task_RecordFailedDelivery}: the fulfillment order's parcel could not be delivered. Its failure is
	 * recorded with the carrier's reason, the customer is told, and the fulfillment order is no longer counted late
	 * (the failure is a matter of its own). A repeat changes nothing.
	 * @return the failure in words, for the agent's form
	 */
	@Transactional
	public String record(UUID fulfillmentOrderId) {
		Shipment shipment = current(fulfillmentOrderId);
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		String reason = shipment.statusDetail() == null ? "no reason given" : shipment.statusDetail();
		if (repository.insert(shipment, DeliveryFailure.Kind.FAILED, reason, now())) {
			deadlines.clearLate(fulfillmentOrderId);
			notifications.notifyCustomer(fo.orderId(), CustomerMessage.DELIVERY_FAILED,
					"Parcel " + shipment.trackingNumber() + " (" + shipment.carrier() + "): " + reason
							+ ". We will tell you how it reaches you",
					Map.of(Fact.TRACKING_NUMBER, shipment.trackingNumber(), Fact.CARRIER, shipment.carrier()));
		}
		acknowledge(shipment);
		return describe(fo, shipment, reason);
	}

	/**
	 * {@code Task_RedeliverParcel}: the agent decided to have the parcel delivered again: a new booking with the
	 * carrier, which replaces the failed shipment, a new limit for the delivery, and the customer is told the new
	 * tracking number. A parcel the carrier delivered meanwhile is not booked again (the process sees it delivered).
	 * @return the shipment in use now
	 */
	@Transactional
	public Shipment redeliver(UUID fulfillmentOrderId, String decidedBy) {
		DeliveryFailure failure = latest(fulfillmentOrderId);
		Shipment failed = shipments.find(failure.shipmentId()).orElseThrow();
		if (failed.status() == ShipmentStatus.DELIVERED) {
			return failed;
		}
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		Order order = orders.require(fo.orderId());
		boolean now = repository.transition(failed.id(), DeliveryFailure.Status.OPEN,
				DeliveryFailure.Status.REDELIVERED, "REDELIVER", decidedBy, now());
		if (!now && failure.status() != DeliveryFailure.Status.REDELIVERED) {
			throw new StateConflictException("The failed delivery of " + failed.trackingNumber() + " is "
					+ failure.status() + ": it is not delivered again");
		}
		Shipment again = shipments.rebook(failed.id(), fo.number(), order.shippingAddress());
		fulfillmentOrders.setTracking(fulfillmentOrderId, again.carrier(), again.trackingNumber());
		if (now) {
			deadlines.restartDelivery(fulfillmentOrderId);
			notifications.notifyCustomer(fo.orderId(), CustomerMessage.REDELIVERY, fo.quantity() + " item(s) with "
					+ again.carrier() + ", new tracking number " + again.trackingNumber(),
					Map.of(Fact.UNITS, Integer.toString(fo.quantity()), Fact.CARRIER, again.carrier(),
							Fact.TRACKING_NUMBER, again.trackingNumber()));
		}
		return again;
	}

	/**
	 * {@code Task_GiveUpParcel}: the agent decided to send the units again (after a failed delivery, or a parcel late
	 * beyond hope, then recorded as LOST): the fulfillment order becomes UNDELIVERED and the customer is told; the
	 * reshipment follows in the process. A repeat changes nothing.
	 */
	@Transactional
	public void giveUp(UUID fulfillmentOrderId, String decidedBy) {
		Shipment shipment = current(fulfillmentOrderId);
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		repository.insert(shipment, DeliveryFailure.Kind.LOST,
				"not delivered by " + deadlines.of(fulfillmentOrderId).deliverBy() + ", given up as lost by " + decidedBy,
				now());
		DeliveryFailure failure = repository.find(shipment.id()).orElseThrow();
		if (repository.transition(shipment.id(), DeliveryFailure.Status.OPEN, DeliveryFailure.Status.RESHIPPED,
				"RESHIP", decidedBy, now())) {
			units.giveUp(fulfillmentOrderId, "parcel " + shipment.trackingNumber()
					+ (failure.kind() == DeliveryFailure.Kind.LOST ? " lost" : " could not be delivered")
					+ ", its units are sent again", decidedBy);
			deadlines.clearLate(fulfillmentOrderId);
			notifications.notifyCustomer(fo.orderId(), CustomerMessage.SENT_AGAIN,
					units(fo) + " instead of parcel " + shipment.trackingNumber()
							+ ", at no charge",
					Map.of(Fact.TRACKING_NUMBER, shipment.trackingNumber()));
		}
		inbox.markCorrelated(shipment.id(), CarrierEvents.EVERY_TYPE);
	}

	/**
	 * {@code Task_HoldUndeliveredUnits}: the agent decided to refund the units once the parcel is back: they are held
	 * for it, the parcel has until its return deadline to come back (FulfillmentLimits, stage RETURN) and the customer
	 * is told. A repeat changes nothing.
	 * @return whether the parcel is back at the sender already
	 */
	@Transactional
	public boolean hold(UUID fulfillmentOrderId, String decidedBy) {
		DeliveryFailure failure = latest(fulfillmentOrderId);
		Shipment shipment = shipments.find(failure.shipmentId()).orElseThrow();
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		if (repository.transition(shipment.id(), DeliveryFailure.Status.OPEN, DeliveryFailure.Status.AWAITING_RETURN,
				"REFUND", decidedBy, now())) {
			OffsetDateTime returnBy = now().plus(deadlines.returnLimit(fulfillmentOrderId)).truncatedTo(ChronoUnit.SECONDS);
			repository.returnBy(shipment.id(), returnBy, now());
			units.hold(fulfillmentOrderId, "parcel " + shipment.trackingNumber() + " is to come back by " + returnBy,
					decidedBy);
			notifications.notifyCustomer(fo.orderId(), CustomerMessage.PARCEL_RETURNING, "Parcel "
					+ shipment.trackingNumber() + ": we refund " + units(fo)
					+ " once it has arrived",
					Map.of(Fact.TRACKING_NUMBER, shipment.trackingNumber()));
		}
		boolean back = shipment.status() == ShipmentStatus.RETURNED_TO_SENDER;
		if (back) {
			inbox.markCorrelated(shipment.id(), CarrierEvents.EVERY_TYPE);
		}
		return back;
	}

	/**
	 * {@code Task_RefundUndeliveredUnits}: the parcel is back at the sender: its units count as returned and are back
	 * in stock (or, given up as lost by an agent, count as returned already, not in stock), then they are credited (what they were paid, shipping not included) and refunded through a credit memo
	 * ({@code undelivered:<fulfillmentOrderId>}); the customer is told the amount. A retry refunds nothing twice.
	 */
	@Transactional
	public void refund(UUID fulfillmentOrderId) {
		DeliveryFailure failure = latest(fulfillmentOrderId);
		Shipment shipment = shipments.find(failure.shipmentId()).orElseThrow();
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		if (repository.transition(shipment.id(), DeliveryFailure.Status.AWAITING_RETURN,
				DeliveryFailure.Status.RETURNED, null, null, now())) {
			units.returned(fulfillmentOrderId, "parcel " + shipment.trackingNumber()
					+ " returned to sender, its units refunded", ACTOR);
			inbox.markCorrelated(shipment.id(), CarrierEvents.EVERY_TYPE);
		}
		DeliveryFailure.Status status = repository.find(shipment.id()).orElseThrow().status();
		if (status != DeliveryFailure.Status.RETURNED && status != DeliveryFailure.Status.NOT_RETURNED) {
			return;
		}
		List<CreditMemoItem> items = fo.lines()
			.stream()
			.map(line -> refunds.unitsPaid(fo.orderId(), line.lineNumber(), line.quantity()))
			.toList();
		CreditMemo memo = refunds.creditAndRefund(fo.orderId(), new CreditMemoRequest(sourceKey(fulfillmentOrderId),
				"Undelivered parcel " + shipment.trackingNumber() + " of fulfillment order " + fo.number(), items,
				BigDecimal.ZERO, BigDecimal.ZERO));
		if (repository.refunded(shipment.id(), memo.creditMemoNumber(), memo.totalAmount(), now())) {
			notifications.notifyCustomer(fo.orderId(), CustomerMessage.REFUNDED,
					memo.totalAmount().toPlainString() + " " + memo.currency() + " for parcel " + shipment.trackingNumber()
							+ ", which could not be delivered"
							+ (status == DeliveryFailure.Status.NOT_RETURNED ? " and did not come back" : "")
							+ ", to your payment method",
					Map.of(Fact.AMOUNT, memo.totalAmount().toPlainString(), Fact.CURRENCY, memo.currency(),
							Fact.TRACKING_NUMBER, shipment.trackingNumber()));
		}
	}

	/**
	 * The parcel was delivered after all (called when the delivery completes): a failure still open to an outcome
	 * is closed as DELIVERED, and units held for its refund are free again.
	 */
	@Transactional
	public void deliveredAfterAll(UUID fulfillmentOrderId) {
		for (DeliveryFailure failure : repository.ofFulfillmentOrder(fulfillmentOrderId)) {
			if (repository.transition(failure.shipmentId(), DeliveryFailure.Status.OPEN, DeliveryFailure.Status.DELIVERED,
					null, null, now())) {
				continue;
			}
			if (repository.transition(failure.shipmentId(), DeliveryFailure.Status.AWAITING_RETURN,
					DeliveryFailure.Status.DELIVERED, null, null, now())) {
				units.release(fulfillmentOrderId, "delivered after all, nothing to refund", ACTOR);
			}
		}
	}

	/**
	 * What refunding the parcel's units would credit, and what the order's captures leave to refund; for the agent's
	 * decision.
	 */
	@Transactional(readOnly = true)
	public RefundCheck refundCheck(UUID fulfillmentOrderId) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		BigDecimal value = fo.lines()
			.stream()
			.map(line -> refunds.unitsPaid(fo.orderId(), line.lineNumber(), line.quantity()).totalAmount())
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new RefundCheck(value, refunds.refundable(fo.orderId()), orders.require(fo.orderId()).currency());
	}

	/** What a refund of a parcel's units would credit, against what is left to refund. */
	public record RefundCheck(BigDecimal value, BigDecimal refundable, String currency) {

		public boolean possible() {
			return value.compareTo(refundable) <= 0;
		}

	}

	/** The latest failure of a fulfillment order's parcel, if any. */
	@Transactional(readOnly = true)
	public Optional<DeliveryFailure> latestOf(UUID fulfillmentOrderId) {
		return repository.ofFulfillmentOrder(fulfillmentOrderId).stream().findFirst();
	}

	/** The failure of one shipment, if it had one. */
	@Transactional(readOnly = true)
	public Optional<DeliveryFailure> ofShipment(UUID shipmentId) {
		return repository.find(shipmentId);
	}

	/** The order's failed and lost parcels, oldest first. */
	@Transactional(readOnly = true)
	public List<DeliveryFailure> ofOrder(UUID orderId) {
		return repository.ofOrder(orderId);
	}

	/** The credit memo source of a refund of undelivered units: one per fulfillment order. */
	static String sourceKey(UUID fulfillmentOrderId) {
		return "undelivered:" + fulfillmentOrderId;
	}

	private DeliveryFailure latest(UUID fulfillmentOrderId) {
		return latestOf(fulfillmentOrderId).orElseThrow(() -> new StateConflictException(
				"Fulfillment order " + fulfillmentOrders.find(fulfillmentOrderId).number() + " has no failed delivery"));
	}

	private Shipment current(UUID fulfillmentOrderId) {
		return shipments.ofFulfillmentOrder(fulfillmentOrderId)
			.orElseThrow(() -> new StateConflictException("Fulfillment order " + fulfillmentOrderId + " has no shipment"));
	}

	/** The failure's pending carrier reports reached the process: it saw them itself. */
	private void acknowledge(Shipment shipment) {
		inbox.markCorrelated(shipment.id(), List.of(ShipmentStatus.DELIVERY_FAILED.name()));
	}

	private String describe(FulfillmentOrder fo, Shipment shipment, String reason) {
		Address to = orders.require(fo.orderId()).shippingAddress();
		return "Parcel " + shipment.trackingNumber() + " (" + shipment.carrier() + ", attempt " + shipment.attempt()
				+ ") of fulfillment order " + fo.number() + " from " + fo.locationId() + " could not be delivered: "
				+ reason + ". Carrier status now: " + shipment.status() + ". In it: " + units(fo) + ". To: "
				+ to.name() + ", " + to.line1() + ", " + to.postalCode() + " " + to.city() + ", " + to.country();
	}

	/** The units of a parcel in words: "line 1: 2 × SKU-A, line 2: 1 × SKU-B". */
	static String units(FulfillmentOrder fo) {
		return fo.lines()
			.stream()
			.map(line -> "line " + line.lineNumber() + ": " + line.quantity() + " × " + line.sku())
			.collect(Collectors.joining(", "));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
