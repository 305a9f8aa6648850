package io.orderflow.service;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A Tasklist form (a start form, or a task's form on completion; or the same variables over
 * {@code /engine-rest}) whose values break a rule: thrown out of the register task or the completing task's
 * listener, it rolls the start or the completion back (nothing is stored, the task stays open) and says why
 * in words an agent reads in Tasklist's error box, by the form's labels; over {@code /engine-rest} it is a 400
 * naming every invalid field.
 */
public class FormRefusedException extends InvalidRequestException {

	private final String refused;

	private final Map<String, String> labels;

	/**
	 * @param what what was not started, e.g. "The cancellation"
	 * @param violations by the start form's field keys
	 * @param labels the form's label of each field key, for the message
	 */
	public FormRefusedException(String what, List<FieldViolation> violations, Map<String, String> labels) {
		this(violations, labels, what + " was not started");
	}

	private FormRefusedException(List<FieldViolation> violations, Map<String, String> labels, String refused) {
		super(violations);
		this.refused = refused;
		this.labels = Map.copyOf(labels);
	}

	/**
	 * A task's form refused on completion.
	 * @param refused what was not done, e.g. "The inspection was not recorded"
	 */
	public static FormRefusedException onCompletion(String refused, List<FieldViolation> violations,
			Map<String, String> labels) {
		return new FormRefusedException(violations, labels, refused);
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
		return refused + ": " + violations().stream()
			.map(v -> labels.getOrDefault(v.field(), v.field()) + ": " + v.message())
			.collect(Collectors.joining("; "));
	}

}
