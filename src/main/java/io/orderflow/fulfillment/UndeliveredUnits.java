package io.orderflow.fulfillment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.orderflow.inventory.Inventory;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TimelineType;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The units of a shipped fulfillment order whose parcel never reached the customer, on the order's lines. They
 * shipped (they count as {@code fulfilled}; a reshipment's as {@code reshipped}), and then either:
 * <ul>
 * <li>are <b>given up</b> (the parcel is lost, or its units are sent again by a reshipment): the fulfillment order
 * becomes UNDELIVERED; a reshipment's units no longer count as reshipped (they did not arrive);</li>
 * <li>or are <b>held</b> for a refund while the parcel travels back ({@code returnInitiated}, as for an approved
 * return, so that no return or reshipment takes them meanwhile), and count as <b>returned</b> once it is back:
 * the fulfillment order becomes UNDELIVERED and its units are back in stock at its location; or count as returned
 * without coming back, when the parcel awaited back is given up as <b>lost</b> and refunded all the same.</li>
 * </ul>
 * The callers (the delivery stage's steps) move a record of their own forward in the same transaction, so that each
 * of these happens once.
 */
@Service
public class UndeliveredUnits {

	private final FulfillmentOrders fulfillmentOrders;

	private final FulfillmentOrderRepository repository;

	private final FulfillmentOrderEvents events;

	private final Orders orders;

	private final Inventory inventory;

	private final Clock clock;

	UndeliveredUnits(FulfillmentOrders fulfillmentOrders, FulfillmentOrderRepository repository,
			FulfillmentOrderEvents events, Orders orders, Inventory inventory, Clock clock) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.repository = repository;
		this.events = events;
		this.orders = orders;
		this.inventory = inventory;
		this.clock = clock;
	}

	/**
	 * The parcel is given up: SHIPPED → UNDELIVERED; a reshipment's units no longer count as reshipped.
	 * @return false when it already was UNDELIVERED
	 * @throws FulfillmentOrderStateException when it is not SHIPPED (not shipped yet, delivered, or closed)
	 */
	@Transactional
	public boolean giveUp(UUID fulfillmentOrderId, String reason, String actor) {
		FulfillmentOrder fo = lock(fulfillmentOrderId);
		if (!mustBecomeUndelivered(fo, "be given up")) {
			return false;
		}
		if (fo.reshipment()) {
			for (FulfillmentOrderLine line : fo.lines()) {
				orders.changeQuantities(fo.orderId(), line.lineNumber(), QuantityChange.reshipped(-line.quantity()), actor,
						"Not delivered: " + line.quantity() + " × " + line.sku() + " of reshipment fulfillment order "
								+ fo.number() + " no longer count as reshipped");
			}
		}
		undelivered(fo, reason, actor);
		return true;
	}

	/**
	 * The parcel is to come back and its units to be refunded: they are held ({@code returnInitiated}) until it is
	 * back. A reshipment's units need no hold: they count as reshipped until then. Callers hold it once.
	 * @throws FulfillmentOrderStateException when it is not SHIPPED
	 */
	@Transactional
	public void hold(UUID fulfillmentOrderId, String why, String actor) {
		FulfillmentOrder fo = lock(fulfillmentOrderId);
		requireShipped(fo, "hold its units for a refund");
		if (!fo.reshipment()) {
			for (FulfillmentOrderLine line : fo.lines()) {
				orders.changeQuantities(fo.orderId(), line.lineNumber(), new QuantityChange(0, 0, 0, line.quantity(), 0, 0),
						actor, "Held " + line.quantity() + " × " + line.sku() + " of fulfillment order " + fo.number()
								+ " for a refund: " + why);
			}
		}
	}

	/** The parcel was delivered after all: what {@link #hold} held is free again. Callers release it once. */
	@Transactional
	public void release(UUID fulfillmentOrderId, String why, String actor) {
		FulfillmentOrder fo = lock(fulfillmentOrderId);
		if (!fo.reshipment()) {
			for (FulfillmentOrderLine line : fo.lines()) {
				orders.changeQuantities(fo.orderId(), line.lineNumber(),
						new QuantityChange(0, 0, 0, -line.quantity(), 0, 0), actor, "Released " + line.quantity() + " × "
								+ line.sku() + " of fulfillment order " + fo.number() + ": " + why);
			}
		}
	}

	/**
	 * The parcel is back at the sender: SHIPPED → UNDELIVERED, its units count as returned (held by {@link #hold};
	 * a reshipment's move from reshipped to returned) and are back in stock at its location.
	 * @return false when it already was UNDELIVERED
	 * @throws FulfillmentOrderStateException when it is not SHIPPED
	 */
	@Transactional
	public boolean returned(UUID fulfillmentOrderId, String reason, String actor) {
		return returned(fulfillmentOrderId, reason, actor, true);
	}

	/**
	 * The parcel awaited back is given up as lost, its units refunded all the same: SHIPPED → UNDELIVERED, its units
	 * count as returned as in {@link #returned}, but are not back in stock.
	 * @return false when it already was UNDELIVERED
	 * @throws FulfillmentOrderStateException when it is not SHIPPED
	 */
	@Transactional
	public boolean lost(UUID fulfillmentOrderId, String reason, String actor) {
		return returned(fulfillmentOrderId, reason, actor, false);
	}

	private boolean returned(UUID fulfillmentOrderId, String reason, String actor, boolean back) {
		FulfillmentOrder fo = lock(fulfillmentOrderId);
		if (!mustBecomeUndelivered(fo, back ? "come back" : "be given up as lost")) {
			return false;
		}
		if (back) {
			for (FulfillmentOrderLine line : fo.lines().stream().sorted(FulfillmentOrders.STOCK_ORDER).toList()) {
				inventory.restock(fo.locationId(), line.sku(), line.quantity());
			}
		}
		for (FulfillmentOrderLine line : fo.lines()) {
			QuantityChange change = fo.reshipment() ? new QuantityChange(0, 0, 0, line.quantity(), line.quantity(),
					-line.quantity()) : new QuantityChange(0, 0, 0, 0, line.quantity(), 0);
			orders.changeQuantities(fo.orderId(), line.lineNumber(), change, actor, (back ? "Returned to sender: "
					: "Lost on its way back, refunded: ") + line.quantity() + " × " + line.sku() + " of fulfillment order "
					+ fo.number() + (back ? ", back in stock at " + fo.locationId() : ", not back in stock"));
		}
		undelivered(fo, reason, actor);
		return true;
	}

	private void undelivered(FulfillmentOrder fo, String reason, String actor) {
		repository.updateStatus(fo.id(), FulfillmentOrderStatus.UNDELIVERED, reason, OffsetDateTime.now(clock));
		orders.record(fo.orderId(), TimelineType.FULFILLMENT, actor,
				"Fulfillment order " + fo.number() + " not delivered: " + reason);
		events.moved(fo, FulfillmentOrderStatus.UNDELIVERED, reason);
	}

	/** True when SHIPPED, false when already UNDELIVERED. @throws FulfillmentOrderStateException otherwise */
	private static boolean mustBecomeUndelivered(FulfillmentOrder fo, String requested) {
		if (fo.status() == FulfillmentOrderStatus.UNDELIVERED) {
			return false;
		}
		requireShipped(fo, requested);
		return true;
	}

	private static void requireShipped(FulfillmentOrder fo, String requested) {
		if (fo.status() != FulfillmentOrderStatus.SHIPPED) {
			throw new FulfillmentOrderStateException(fo, requested);
		}
	}

	/** Locks the order, then the fulfillment order, as every change of quantities does. */
	private FulfillmentOrder lock(UUID fulfillmentOrderId) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId);
		orders.lock(fo.orderId());
		return fulfillmentOrders.lockFulfillmentOrder(fulfillmentOrderId);
	}

}
