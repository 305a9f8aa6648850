package io.orderflow.capture;

import java.net.URI;
import java.util.List;

import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;

/** A well-formed order that breaks one or more rules; carries every invalid field at once. */
public class InvalidOrderException extends InvalidRequestException {

	public InvalidOrderException(List<FieldViolation> violations) {
		super(violations);
	}

	@Override
	public URI problemType() {
		return URI.create("urn:orderflow:problem:invalid-order");
	}

	@Override
	public String title() {
		return "Invalid order";
	}

	@Override
	public String detail() {
		return violations().size() + " field(s) of the order are invalid; nothing was stored";
	}

}
