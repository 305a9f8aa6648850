package io.orderflow.order;

import java.util.NoSuchElementException;
import java.util.UUID;

/** A request or a step about an order that does not exist: 404 over REST ({@link OrderProblems}). */
public class UnknownOrderException extends NoSuchElementException {

	private final UUID orderId;

	public UnknownOrderException(UUID orderId) {
		super("No order with id " + orderId);
		this.orderId = orderId;
	}

	UnknownOrderException(OrderKey key) {
		super(key.id() != null ? "No order with id " + key.id() : "No order with number " + key.number());
		this.orderId = key.id();
	}

	/** The id asked for; null when the order was asked for by a number that no order has. */
	public UUID orderId() {
		return orderId;
	}

}
