package io.orderflow.platform.web;

import java.net.URI;

import io.orderflow.platform.web.InvalidRequestException;

/** An {@code Idempotency-Key} that was first used with a different request body: 422. */
public class IdempotencyKeyMismatchException extends InvalidRequestException {

	private final String key;

	public IdempotencyKeyMismatchException(String key) {
		super("Idempotency-Key", "already used with a different request body");
		this.key = key;
	}

	@Override
	public URI problemType() {
		return URI.create("urn:orderflow:problem:idempotency-key-reused");
	}

	@Override
	public String title() {
		return "Idempotency-Key reused with a different request";
	}

	@Override
	public String detail() {
		return "Idempotency-Key '" + key + "' was already used with a different request body";
	}

}
