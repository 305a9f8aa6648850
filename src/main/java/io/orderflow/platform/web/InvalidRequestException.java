package io.orderflow.platform.web;

import java.net.URI;
import java.util.List;

/**
 * A well-formed request that breaks a rule: 422, every invalid field named. Subclasses may give the
 * problem their own type and title.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldViolation> violations;

	public InvalidRequestException(List<FieldViolation> violations) {
		super(violations.size() + " invalid field(s): " + violations);
		this.violations = List.copyOf(violations);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> violations() {
		return violations;
	}

	public URI problemType() {
		return URI.create("urn:orderflow:problem:invalid-request");
	}

	public String title() {
		return "Invalid request";
	}

	public String detail() {
		return violations.size() + " field(s) of the request are invalid; nothing was changed";
	}

}
