package io.orderflow.capture;

/** An {@code Idempotency-Key} that was first used with a different request body. */
public class IdempotencyKeyMismatchException extends RuntimeException {

	public IdempotencyKeyMismatchException(String key) {
		super("Idempotency-Key '" + key + "' was already used with a different request body");
	}

}
