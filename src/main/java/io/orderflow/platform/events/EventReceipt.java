package io.orderflow.platform.events;

import java.util.UUID;

/**
 * The answer to a reported event: ACCEPTED (stored and applied; it reaches its process now or as soon
 * as the process waits for it) or DUPLICATE (seen before; nothing changed).
 */
public record EventReceipt(String eventId, Outcome outcome, UUID subjectId, String subjectStatus) {

	/** 202 for an accepted event, 200 for a duplicate. */
	public int httpStatus() {
		return outcome == Outcome.DUPLICATE ? 200 : 202;
	}

	public enum Outcome {

		ACCEPTED, DUPLICATE

	}

}
