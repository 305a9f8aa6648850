package io.orderflow.fulfillment;

import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.order.Order;
import io.orderflow.order.OrderHold;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.IdempotentRequests.Outcome;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an agent's hold ({@link OrderHolds}) does to an order's fulfillment. A held order allocates nothing more:
 * its lifecycle waits before each allocation round ("Check for a hold", then "Released from hold"), a backorder retry
 * allocates nothing, and no fulfillment order of it is released to its location (one whose turn comes stays CREATED
 * until the hold ends). What is already at a location (RELEASED, PICKED, PACKED) is asked to wait
 * ({@code fulfillment_order.held}). The release goes on where the order stood: the fulfillment orders held back are
 * released, those at locations may ship ({@code fulfillment_order.resumed}), the lifecycle leaves "Released from hold"
 * ({@code Message_OrderReleasedFromHold}) and a backordered order retries allocation at once. Every step locks the
 * order's row first, so a hold and the lifecycle's own steps happen one after the other on every node.
 */
@Service
public class HeldOrders {

	static final String OPERATION_HOLD = "POST /api/orders/{id}/hold";

	static final String OPERATION_RELEASE = "POST /api/orders/{id}/release-hold";

	/** What a location works on: it is asked to wait, then to go on. */
	private static final Set<FulfillmentOrderStatus> AT_LOCATION = EnumSet.of(FulfillmentOrderStatus.RELEASED,
			FulfillmentOrderStatus.PICKED, FulfillmentOrderStatus.PACKED);

	private final OrderHolds holds;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final FulfillmentOrderEvents events;

	private final IdempotentRequests idempotency;

	private final RuntimeService runtime;

	private final ManagementService management;

	HeldOrders(OrderHolds holds, Orders orders, FulfillmentOrders fulfillmentOrders, FulfillmentOrderEvents events,
			IdempotentRequests idempotency, RuntimeService runtime, ManagementService management) {
		this.holds = holds;
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.events = events;
		this.idempotency = idempotency;
		this.runtime = runtime;
		this.management = management;
	}

	/** What a hold or its release says: why. */
	public record HoldRequest(String reason) {
	}

	// --- requests ------------------------------------------------------------------------------

	/**
	 * {@code POST /api/orders/{id}/hold}: holds the order (201), once per Idempotency-Key.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming {@code reason}; nothing changes
	 * @throws StateConflictException when it is held already or nothing of it is left to hold
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public Outcome<OrderHold> hold(UUID orderId, HoldRequest request, String idempotencyKey, String principal) {
		orders.require(orderId);
		OrderHolds.reason(request.reason());
		return idempotency.once(idempotency.request(OPERATION_HOLD, principal, idempotencyKey, orderId.toString(), request),
				holds::find, OrderHold::id, () -> Outcome.of(place(orderId, request.reason(), principal), 201));
	}

	/**
	 * {@code POST /api/orders/{id}/release-hold}: releases the order's hold (200), once per Idempotency-Key.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming {@code reason}; nothing changes
	 * @throws StateConflictException when it is not held
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public Outcome<OrderHold> release(UUID orderId, HoldRequest request, String idempotencyKey, String principal) {
		orders.require(orderId);
		OrderHolds.reason(request.reason());
		return idempotency.once(
				idempotency.request(OPERATION_RELEASE, principal, idempotencyKey, orderId.toString(), request),
				holds::find, OrderHold::id, () -> Outcome.of(lift(orderId, request.reason(), principal), 200));
	}

	// --- holding and releasing -----------------------------------------------------------------

	/** Holds the order and asks the locations that work on it to wait. */
	@Transactional
	public OrderHold place(UUID orderId, String reason, String actor) {
		OrderHold hold = holds.place(orderId, reason, actor);
		List<FulfillmentOrder> atLocations = open(orderId, AT_LOCATION);
		atLocations.forEach(fo -> events.hold(fo, true, hold.reason()));
		if (!atLocations.isEmpty()) {
			orders.record(orderId, TimelineType.FULFILLMENT, actor, "Asked to wait while the order is held: "
					+ where(atLocations));
		}
		return hold;
	}

	/** Releases the order's hold; its fulfillment goes on where it stood. */
	@Transactional
	public OrderHold lift(UUID orderId, String reason, String actor) {
		OrderHold hold = holds.release(orderId, reason, actor);
		List<FulfillmentOrder> atLocations = open(orderId, AT_LOCATION);
		atLocations.forEach(fo -> events.hold(fo, false, hold.releaseReason()));
		if (!atLocations.isEmpty()) {
			orders.record(orderId, TimelineType.FULFILLMENT, actor, "May ship again, the hold is released: "
					+ where(atLocations));
		}
		for (FulfillmentOrder heldBack : open(orderId, EnumSet.of(FulfillmentOrderStatus.CREATED))) {
			// its process waits for the location (or its release job is still to run, and then finds it released)
			fulfillmentOrders.release(heldBack.id());
		}
		String lifecycle = orders.require(orderId).processInstanceId();
		if (lifecycle != null) {
			// waiting before an allocation round, or not (then it finds no hold at its next check)
			runtime.createMessageCorrelation(LifecycleProcess.Messages.ORDER_RELEASED_FROM_HOLD)
				.processInstanceId(lifecycle)
				.correlateAllWithResult();
			Date now = new Date();
			for (Job retry : management.createJobQuery()
				.processInstanceId(lifecycle)
				.activityId(LifecycleProcess.Elements.BOUNDARY_EVENT_RETRY_ALLOCATION)
				.timers()
				.list()) {
				// a backordered order tries again now, as when stock arrives
				management.setJobDuedate(retry.getId(), now);
			}
		}
		return hold;
	}

	/**
	 * Nothing of the order is left to hold (every unit has shipped or is canceled, as when a cancellation took the rest):
	 * a hold of it has nothing more to stop, and is released by {@code actor}, so that its lifecycle, if it waits before
	 * an allocation round, goes on and completes. An order not held, or with units still to ship, keeps its hold.
	 * @return whether a hold was released
	 */
	@Transactional
	public boolean releaseWhenNothingIsLeft(UUID orderId, String actor) {
		orders.lock(orderId);
		Order order = orders.require(orderId);
		if (!holds.held(orderId) || order.lines()
			.stream()
			.anyMatch(line -> line.quantities().netOrdered() > line.quantities().fulfilled())) {
			return false;
		}
		lift(orderId, endReason(order), actor);
		return true;
	}

	/**
	 * {@code Task_CompleteOrder}: the order's lifecycle ends, and a hold still open ends with it, released by
	 * {@code actor}.
	 * @return whether a hold was released
	 */
	@Transactional
	public boolean releaseOnCompletion(UUID orderId, String actor) {
		orders.lock(orderId);
		if (!holds.held(orderId)) {
			return false;
		}
		lift(orderId, endReason(orders.require(orderId)), actor);
		return true;
	}

	/** Why a hold ends with the order: it is canceled, completed (delivered), or every unit shipped or is canceled. */
	private static String endReason(Order order) {
		if (order.lines().stream().allMatch(line -> line.quantities().netOrdered() == 0)) {
			return "the order is canceled";
		}
		return order.status() == OrderStatus.DELIVERED ? "the order is completed"
				: "nothing of the order is left to hold: every unit has shipped or is canceled";
	}

	// --- the lifecycle's steps -----------------------------------------------------------------

	/**
	 * {@code Task_CheckOrderHold}: whether an agent holds the order, with the order's row locked until the step's
	 * transaction ends, so that a release cannot come between this answer and the lifecycle's wait.
	 */
	@Transactional
	public boolean heldBeforeAllocation(UUID orderId) {
		orders.lock(orderId);
		boolean held = holds.held(orderId);
		if (held) {
			orders.record(orderId, TimelineType.ALLOCATION, FulfillmentOrders.SYSTEM,
					"Allocation waits: the order is on hold");
		}
		return held;
	}

	/** Whether an agent holds the order, its row locked for the rest of the caller's transaction. */
	@Transactional
	public boolean heldNow(UUID orderId) {
		orders.lock(orderId);
		return holds.held(orderId);
	}

	/**
	 * {@code Task_ReleaseFulfillmentOrder}: a CREATED fulfillment order goes to its location, unless an agent holds
	 * the order: then it stays CREATED, and the hold's release releases it.
	 * @return whether it was released now
	 */
	@Transactional
	public boolean releaseUnlessHeld(UUID fulfillmentOrderId) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		orders.lock(fo.orderId());
		fo = fulfillmentOrders.find(fulfillmentOrderId);
		if (fo.status() != FulfillmentOrderStatus.CREATED) {
			return false;
		}
		if (holds.held(fo.orderId())) {
			orders.record(fo.orderId(), TimelineType.FULFILLMENT, FulfillmentOrders.SYSTEM, "Fulfillment order "
					+ fo.number() + " is not released to " + fo.locationId() + " while the order is held");
			return false;
		}
		return fulfillmentOrders.release(fulfillmentOrderId);
	}

	// --- helpers -------------------------------------------------------------------------------

	private List<FulfillmentOrder> open(UUID orderId, Set<FulfillmentOrderStatus> statuses) {
		return fulfillmentOrders.ofOrder(orderId).stream().filter(fo -> statuses.contains(fo.status())).toList();
	}

	private static String where(List<FulfillmentOrder> fulfillmentOrders) {
		return fulfillmentOrders.stream()
			.map(fo -> fo.number() + " at " + fo.locationId() + " (" + fo.status() + ")")
			.collect(Collectors.joining(", "));
	}

}
