package io.orderflow.service;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request started with a Tasklist start form (or over {@code /engine-rest} with the form's variables)
 * that breaks a rule: thrown out of the register task, it rolls the start back (nothing is stored, no
 * instance remains) and says why in words an agent reads in Tasklist's error box; over {@code /engine-rest}
 * it is a 400 naming every invalid field.
 */
public class StartFormRefusedException extends InvalidRequestException {

	private final String what;

	private final Map<String, String> labels;

	/**
	 * @param what what was not started, e.g. "The cancellation"
	 * @param violations by the start form's field keys
	 * @param labels the form's label of each field key, for the message
	 */
	public StartFormRefusedException(String what, List<FieldViolation> violations, Map<String, String> labels) {
		super(violations);
		this.what = what;
		this.labels = Map.copyOf(labels);
	}

	/**
	 * What the register task throws: the engine's {@link BadUserRequestException} with this as its cause, so that
	 * the engine logs it as a user's mistake (debug), not as an error, and the webapps answer it with a 400.
	 */
	public BadUserRequestException asBadUserRequest() {
		return new BadUserRequestException(getMessage(), this);
	}

	/** e.g. {@code The cancellation was not started: Lines to cancel: "9:1": order OF-100001 has no line 9}. */
	@Override
	public String getMessage() {
		return what + " was not started: " + violations().stream()
			.map(v -> labels.getOrDefault(v.field(), v.field()) + ": " + v.message())
			.collect(Collectors.joining("; "));
	}

}
