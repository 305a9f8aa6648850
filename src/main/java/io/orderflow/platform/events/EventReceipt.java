package io.orderflow.platform.events;

import java.util.UUID;

/**
 * The answer to a reported event: ACCEPTED (stored and applied; it reaches its process now or as soon
 * as the process waits for it) or DUPLICATE (seen before; nothing changed).
 */
public record EventReceipt(String eventId, Outcome outcome, UUID subjectId, String subjectStatus) {

	public enum Outcome {

		ACCEPTED, DUPLICATE

	}

}
