package io.orderflow.capture;

import java.util.List;

/** A well-formed order that breaks one or more rules; carries every invalid field at once. */
public class InvalidOrderException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidOrderException(List<Violation> violations) {
		super(violations.size() + " invalid field(s): " + violations);
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}

}
