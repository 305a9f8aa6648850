package io.orderflow.service;

import java.util.UUID;

/** A request about an order that does not exist: 404. */
public class UnknownOrderException extends RuntimeException {

	public UnknownOrderException(UUID orderId) {
		super("No order with id " + orderId);
	}

}
