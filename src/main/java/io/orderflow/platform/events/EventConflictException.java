package io.orderflow.platform.events;

/** An event that contradicts what is known (e.g. PICKED for a delivered fulfillment order): 409. */
public class EventConflictException extends RuntimeException {

	public EventConflictException(String message) {
		super(message);
	}

}
