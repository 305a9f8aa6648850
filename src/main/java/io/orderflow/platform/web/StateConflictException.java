package io.orderflow.platform.web;

/**
 * A request or a step that the recorded state of a record does not allow (a second lifecycle for an order, an
 * action on a record in the wrong status): 409 on {@code /api} and {@code /engine-rest}; nothing is changed.
 */
public class StateConflictException extends RuntimeException {

	public StateConflictException(String message) {
		super(message);
	}

}
