package io.orderflow.platform.web;

/**
 * A path or query value in a form the API does not take, thrown while Spring MVC converts it (a type's static
 * {@code valueOf(String)}): 400, its message saying what is accepted, e.g. "must be an order's id (a UUID) or its
 * order number (such as OF-100001)".
 */
public class MalformedValueException extends IllegalArgumentException {

	public MalformedValueException(String whatIsAccepted) {
		super(whatIsAccepted);
	}

}
