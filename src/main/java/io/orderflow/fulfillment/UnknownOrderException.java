package io.orderflow.fulfillment;

import java.util.NoSuchElementException;
import java.util.UUID;

/** Fulfillment was asked about an order that does not exist. A REST layer answers 404. */
public class UnknownOrderException extends NoSuchElementException {

	private final UUID orderId;

	UnknownOrderException(UUID orderId) {
		super("No order " + orderId);
		this.orderId = orderId;
	}

	public UUID orderId() {
		return orderId;
	}

}
