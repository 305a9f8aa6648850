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

	public UUID orderId() {
		return orderId;
	}

}
