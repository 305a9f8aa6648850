package io.orderflow.fulfillment;

import java.util.Map;
import java.util.stream.Collectors;

import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * What the listener of an exception task (a late fulfillment order, a late or failed delivery) throws when the
 * decision cannot be carried out: the completion rolls back and the task stays open; Tasklist shows the message,
 * by the form's labels, and {@code /engine-rest} answers 400 naming every invalid field (the cause).
 */
public final class TaskCompletionRefused {

	private TaskCompletionRefused() {
	}

	/**
	 * @param refused what was not done, e.g. "The failed delivery was not resolved"
	 * @param labels the form's label of each variable, for the message
	 */
	public static BadUserRequestException of(String refused, InvalidRequestException invalid,
			Map<String, String> labels) {
		String why = invalid.violations()
			.stream()
			.map(v -> labels.getOrDefault(v.field(), v.field()) + ": " + v.message())
			.collect(Collectors.joining("; "));
		return new BadUserRequestException(refused + ": " + why, invalid);
	}

}
