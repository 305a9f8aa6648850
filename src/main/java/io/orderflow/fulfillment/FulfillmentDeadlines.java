package io.orderflow.fulfillment;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.order.DeliveryMethod;
import io.orderflow.order.Order;
import io.orderflow.order.OrderDelays.Stage;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.DecisionService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The limits of a fulfillment order: how long its location has from release to shipment ({@code shipBy}) and its
 * carrier from shipment to delivery ({@code deliverBy}), per delivery method by the DMN table
 * {@code FulfillmentLimits} ({@code bpmn/fulfillment-limits.dmn}), which analysts edit. The clocks start when the
 * fulfillment order is released and when its parcel is handed to the carrier (again, for a redelivery). The
 * FulfillmentOrder process waits on them ({@code ${fulfillmentDeadlines.shipBy(fulfillmentOrderId)}}); when one
 * passes, the fulfillment order is late (on the order, its fulfillment orders and the timeline) until it moves on
 * or an agent gives it a new deadline.
 */
@Service("fulfillmentDeadlines")
public class FulfillmentDeadlines {

	/** The furthest an agent may move a deadline. */
	static final Duration MAX_EXTENSION = Duration.ofDays(365);

	private final FulfillmentDeadlineRepository repository;

	private final FulfillmentOrders fulfillmentOrders;

	private final Orders orders;

	private final DecisionService decisions;

	private final OrderEvents events;

	private final Clock clock;

	FulfillmentDeadlines(FulfillmentDeadlineRepository repository, FulfillmentOrders fulfillmentOrders, Orders orders,
			DecisionService decisions, OrderEvents events, Clock clock) {
		this.repository = repository;
		this.fulfillmentOrders = fulfillmentOrders;
		this.orders = orders;
		this.decisions = decisions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A fulfillment order's deadlines and whether it is late: {@code lateStage} and {@code lateSince} are set when a
	 * limit passed (and a task was made), for the stage it passed in.
	 */
	public record Deadline(OffsetDateTime shipBy, OffsetDateTime deliverBy, Stage lateStage, OffsetDateTime lateSince) {

		public static final Deadline NONE = new Deadline(null, null, null, null);

		/** Late now: past its limit in the stage it still is in (not shipped yet, or shipped and not delivered). */
		public boolean late(FulfillmentOrderStatus status) {
			return lateSince != null && (lateStage == Stage.SHIPMENT ? status.open() : status == FulfillmentOrderStatus.SHIPPED);
		}

		/** The deadline it missed, or has, in a stage. */
		public OffsetDateTime deadline(Stage stage) {
			return stage == Stage.SHIPMENT ? shipBy : deliverBy;
		}

	}

	/** The data of {@code fulfillment_order.late}. */
	record Late(UUID fulfillmentOrderId, String number, String locationId, FulfillmentOrderStatus status, Stage stage,
			OffsetDateTime deadline, OffsetDateTime lateSince) {
	}

	/** Released to its location: it has until the limit of its delivery method to ship. A repeat changes nothing. */
	@Transactional
	public void startShipping(UUID fulfillmentOrderId) {
		start(fulfillmentOrderId, Stage.SHIPMENT, true);
	}

	/** Handed to the carrier: the parcel has until the limit of its delivery method to arrive. A repeat changes nothing. */
	@Transactional
	public void startDelivery(UUID fulfillmentOrderId) {
		start(fulfillmentOrderId, Stage.DELIVERY, true);
	}

	/** Handed to the carrier again (a redelivery): the limit starts anew, and it is no longer late. */
	@Transactional
	public void restartDelivery(UUID fulfillmentOrderId) {
		start(fulfillmentOrderId, Stage.DELIVERY, false);
		repository.clearLate(fulfillmentOrderId);
	}

	/** When the location must have shipped it, for the process's timer; the limit starts now if it has none yet. */
	@Transactional
	public Date shipBy(String fulfillmentOrderId) {
		return Date.from(deadline(UUID.fromString(fulfillmentOrderId), Stage.SHIPMENT).toInstant());
	}

	/** When the carrier must have delivered it, for the process's timer; the limit starts now if it has none yet. */
	@Transactional
	public Date deliverBy(String fulfillmentOrderId) {
		return Date.from(deadline(UUID.fromString(fulfillmentOrderId), Stage.DELIVERY).toInstant());
	}

	/**
	 * The limit of a stage passed: the fulfillment order is late, on the timeline and in an event, once per stage
	 * (until a new deadline).
	 * @return the lateness in words, for the agent's form
	 */
	@Transactional
	public String flagLate(UUID fulfillmentOrderId, Stage stage) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		OffsetDateTime deadline = deadline(fulfillmentOrderId, stage);
		String described = describe(fo, stage, deadline);
		boolean stillThere = stage == Stage.SHIPMENT ? fo.status().open() : fo.status() == FulfillmentOrderStatus.SHIPPED;
		if (stillThere && repository.markLate(fulfillmentOrderId, stage, now())) {
			orders.record(fo.orderId(), stage == Stage.SHIPMENT ? TimelineType.FULFILLMENT : TimelineType.SHIPMENT,
					actor(stage), "Late: " + described);
			events.publish(fo.orderId(), EventType.FULFILLMENT_ORDER_LATE, new Late(fo.id(), fo.number(), fo.locationId(),
					fo.status(), stage, deadline, of(fulfillmentOrderId).lateSince()));
		}
		return described;
	}

	/**
	 * An agent keeps waiting: the stage's new deadline, and the fulfillment order is no longer late until it passes.
	 * @throws InvalidRequestException naming {@code newDeadline} when it is not a date in the future
	 */
	@Transactional
	public OffsetDateTime extend(UUID fulfillmentOrderId, Stage stage, String newDeadline, String actor) {
		OffsetDateTime deadline = newDeadline(newDeadline);
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		repository.ensure(fulfillmentOrderId);
		repository.setDeadline(fulfillmentOrderId, stage, deadline, false);
		repository.clearLate(fulfillmentOrderId);
		orders.record(fo.orderId(), stage == Stage.SHIPMENT ? TimelineType.FULFILLMENT : TimelineType.SHIPMENT, actor,
				"New deadline for fulfillment order " + fo.number() + (stage == Stage.SHIPMENT ? " to ship from "
						+ fo.locationId() : " to be delivered") + ": " + deadline);
		return deadline;
	}

	/** No longer late, e.g. because its delivery failed, which is a matter of its own. */
	@Transactional
	public void clearLate(UUID fulfillmentOrderId) {
		repository.clearLate(fulfillmentOrderId);
	}

	/** Its deadlines ({@link Deadline#NONE} before it was released). */
	@Transactional(readOnly = true)
	public Deadline of(UUID fulfillmentOrderId) {
		return repository.find(fulfillmentOrderId).orElse(Deadline.NONE);
	}

	/** The deadlines of an order's fulfillment orders, by fulfillment order id; those without any are left out. */
	@Transactional(readOnly = true)
	public Map<UUID, Deadline> ofOrder(UUID orderId) {
		return repository.ofOrder(orderId);
	}

	/** Which of these orders have a fulfillment order that was marked late (the others have none late). */
	@Transactional(readOnly = true)
	public Set<UUID> ordersLate(Collection<UUID> orderIds) {
		return orderIds.isEmpty() ? Set.of() : repository.ordersLate(orderIds);
	}

	/** The deadlines of these fulfillment orders (a page of a work queue), by id; those without any are left out. */
	@Transactional(readOnly = true)
	public Map<UUID, Deadline> of(Collection<UUID> fulfillmentOrderIds) {
		return repository.of(fulfillmentOrderIds);
	}

	/**
	 * A new deadline as a late task's form gives it: a date (the end of that day, UTC) or an ISO date-time (with an
	 * offset, else UTC), after now and at most a year ahead.
	 * @throws InvalidRequestException naming {@code newDeadline} otherwise
	 */
	public OffsetDateTime newDeadline(String text) {
		String field = FulfillmentOrderProcess.Variables.NEW_DEADLINE;
		if (text == null || text.isBlank()) {
			throw new InvalidRequestException(field, "is required to keep waiting: the date to wait until");
		}
		OffsetDateTime deadline;
		try {
			String value = text.strip();
			if (value.length() == 10) {
				deadline = LocalDate.parse(value).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
			}
			else if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
				deadline = OffsetDateTime.parse(value);
			}
			else {
				deadline = LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
			}
		}
		catch (DateTimeParseException unreadable) {
			throw new InvalidRequestException(field, "\"" + text + "\" is not a date (2026-05-31) or a date-time "
					+ "(2026-05-31T18:00:00Z)");
		}
		OffsetDateTime now = now();
		if (!deadline.isAfter(now)) {
			throw new InvalidRequestException(field, deadline + " has passed: give a date in the future");
		}
		if (deadline.isAfter(now.plus(MAX_EXTENSION))) {
			throw new InvalidRequestException(field, deadline + " is more than " + MAX_EXTENSION.toDays()
					+ " days ahead");
		}
		return deadline.truncatedTo(ChronoUnit.SECONDS);
	}

	/** The stage's deadline, starting its limit now when it has none. */
	private OffsetDateTime deadline(UUID fulfillmentOrderId, Stage stage) {
		OffsetDateTime deadline = of(fulfillmentOrderId).deadline(stage);
		if (deadline == null) {
			start(fulfillmentOrderId, stage, true);
			deadline = of(fulfillmentOrderId).deadline(stage);
		}
		return deadline;
	}

	private void start(UUID fulfillmentOrderId, Stage stage, boolean onlyIfUnset) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		repository.ensure(fulfillmentOrderId);
		if (onlyIfUnset && of(fulfillmentOrderId).deadline(stage) != null) {
			return;
		}
		repository.setDeadline(fulfillmentOrderId, stage,
				now().plus(limit(orders.require(fo.orderId()), stage)).truncatedTo(ChronoUnit.SECONDS), onlyIfUnset);
	}

	/**
	 * How long the parcel of a failed delivery, awaited back for a refund, may take to come back to the sender: what
	 * {@code FulfillmentLimits} gives the order's delivery method for the stage RETURN.
	 */
	@Transactional(readOnly = true)
	public Duration returnLimit(UUID fulfillmentOrderId) {
		return limit(orders.require(fulfillmentOrders.find(fulfillmentOrderId).orderId()),
				FulfillmentOrderProcess.RETURN_STAGE);
	}

	/** What {@code FulfillmentLimits} gives the order's delivery method for a stage. */
	Duration limit(Order order, Stage stage) {
		return limit(order, stage.name());
	}

	private Duration limit(Order order, String stage) {
		DeliveryMethod method = order.deliveryMethod() == null ? DeliveryMethod.STANDARD : order.deliveryMethod();
		Object limit = decisions
			.evaluateDecisionTableByKey(FulfillmentOrderProcess.LIMITS_DECISION,
					Map.of("stage", stage, "deliveryMethod", method.name()))
			.getSingleResult()
			.getEntry("limit");
		return Duration.parse(limit.toString());
	}

	private String describe(FulfillmentOrder fo, Stage stage, OffsetDateTime deadline) {
		Order order = orders.require(fo.orderId());
		String method = order.deliveryMethod() == null ? "" : " (" + order.deliveryMethod() + ")";
		return stage == Stage.SHIPMENT
				? "fulfillment order " + fo.number() + " was released to " + fo.locationId() + " and not shipped by "
						+ deadline + method + ": " + FulfillmentOrders.describe(fo.lines())
				: "the parcel of fulfillment order " + fo.number() + (fo.trackingNumber() == null ? ""
						: " (" + fo.carrier() + ", tracking " + fo.trackingNumber() + ")") + " was not delivered by "
						+ deadline + method + ": " + FulfillmentOrders.describe(fo.lines());
	}

	private static String actor(Stage stage) {
		return stage == Stage.SHIPMENT ? "system:fulfillment" : "system:delivery";
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
