package io.orderflow.order;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manual holds on the order record: an agent holds an order, with a reason, and someone releases it, with a reason.
 * The order keeps its status meanwhile; its view shows the active hold ({@code hold}), its timeline who held and
 * released it and why, and {@code order.held} / {@code order.released} tell the systems around it (with
 * {@code hold: MANUAL}, where the risk review's ON_HOLD says {@code RISK_REVIEW}). What a hold stops (allocation, the
 * release of fulfillment orders) is the fulfillment stage's business ({@code fulfillment.HeldOrders}). Placing and
 * releasing lock the order's row, so that an order has at most one active hold, on every node.
 */
@Service
public class OrderHolds {

	/** The longest reason the table keeps. */
	public static final int MAX_REASON = 500;

	/** What {@code order.held} and {@code order.released} say a hold is: an agent's, or the risk review's. */
	public static final String MANUAL = "MANUAL";

	public static final String RISK_REVIEW = "RISK_REVIEW";

	/** The data of {@code order.held} and {@code order.released}: the status (unchanged by a manual hold) and the hold. */
	record HoldChanged(OrderStatus from, OrderStatus to, String reason, String hold, UUID holdId, String by) {
	}

	private final OrderHoldRepository repository;

	private final Orders orders;

	private final OrderEvents events;

	private final Clock clock;

	OrderHolds(OrderHoldRepository repository, Orders orders, OrderEvents events, Clock clock) {
		this.repository = repository;
		this.orders = orders;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The reason of a hold or of its release, stripped.
	 * @throws InvalidRequestException naming {@code reason} when it is missing, blank or too long
	 */
	public static String reason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidRequestException("reason", "is required: say why");
		}
		if (reason.strip().length() > MAX_REASON) {
			throw new InvalidRequestException("reason", "must be at most " + MAX_REASON + " characters");
		}
		return reason.strip();
	}

	/**
	 * Holds the order. Locks the order's row for the rest of the caller's transaction.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming {@code reason}
	 * @throws StateConflictException when the order is held already, or nothing of it is left to hold
	 */
	@Transactional
	public OrderHold place(UUID orderId, String reason, String actor) {
		String why = reason(reason);
		Order order = locked(orderId);
		Optional<OrderHold> active = repository.active(orderId);
		if (active.isPresent()) {
			throw new StateConflictException("Order " + order.orderNumber() + " is already on hold (held by "
					+ active.get().heldBy() + " at " + active.get().heldAt() + ": " + active.get().reason()
					+ "); release it first");
		}
		if (order.status() == OrderStatus.REJECTED || order.status() == OrderStatus.CANCELED || order.lines()
			.stream()
			.noneMatch(line -> line.quantities().netOrdered() > line.quantities().fulfilled())) {
			throw new StateConflictException("Order " + order.orderNumber() + " is " + order.status()
					+ ": nothing of it is left to hold (every unit has shipped or is canceled)");
		}
		UUID id = UUID.randomUUID();
		repository.insert(id, orderId, why, actor, now());
		orders.record(orderId, TimelineType.HOLD, actor, "Order held: " + why);
		events.publish(orderId, EventType.ORDER_HELD,
				new HoldChanged(order.status(), order.status(), why, MANUAL, id, actor));
		return repository.find(id).orElseThrow();
	}

	/**
	 * Releases the order's active hold. Locks the order's row for the rest of the caller's transaction.
	 * @throws UnknownOrderException when there is no such order
	 * @throws InvalidRequestException naming {@code reason}
	 * @throws StateConflictException when the order is not held
	 */
	@Transactional
	public OrderHold release(UUID orderId, String reason, String actor) {
		String why = reason(reason);
		Order order = locked(orderId);
		OrderHold hold = repository.active(orderId)
			.orElseThrow(() -> new StateConflictException("Order " + order.orderNumber() + " is not on hold"
					+ (order.status() == OrderStatus.ON_HOLD ? " by an agent: it is ON_HOLD for a risk review, which a "
							+ "fraud analyst decides in Tasklist" : "")));
		repository.release(hold.id(), actor, why, now());
		orders.record(orderId, TimelineType.HOLD, actor, "Order released from hold: " + why);
		events.publish(orderId, EventType.ORDER_RELEASED,
				new HoldChanged(order.status(), order.status(), why, MANUAL, hold.id(), actor));
		return repository.find(hold.id()).orElseThrow();
	}

	/**
	 * Releases the order's active hold, if it has one, e.g. once the order was refused (REJECTED) and there is nothing
	 * left to hold. Locks the order's row for the rest of the caller's transaction.
	 * @return whether a hold was released
	 * @throws UnknownOrderException when there is no such order
	 */
	@Transactional
	public boolean releaseIfHeld(UUID orderId, String reason, String actor) {
		locked(orderId);
		if (repository.active(orderId).isEmpty()) {
			return false;
		}
		release(orderId, reason, actor);
		return true;
	}

	/** The order's active hold, if it is held. */
	@Transactional(readOnly = true)
	public Optional<OrderHold> active(UUID orderId) {
		return repository.active(orderId);
	}

	/** Whether an agent holds the order. */
	@Transactional(readOnly = true)
	public boolean held(UUID orderId) {
		return repository.active(orderId).isPresent();
	}

	/** Which of these orders are held, read together (a page of a work queue). */
	@Transactional(readOnly = true)
	public Set<UUID> heldAmong(Collection<UUID> orderIds) {
		return repository.heldAmong(orderIds);
	}

	@Transactional(readOnly = true)
	public Optional<OrderHold> find(UUID id) {
		return repository.find(id);
	}

	/** The order's holds, active and released, oldest first. @throws UnknownOrderException when there is no such order */
	@Transactional(readOnly = true)
	public List<OrderHold> ofOrder(UUID orderId) {
		orders.require(orderId);
		return repository.ofOrder(orderId);
	}

	private Order locked(UUID orderId) {
		if (!orders.lock(orderId)) {
			throw new UnknownOrderException(orderId);
		}
		return orders.require(orderId);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
