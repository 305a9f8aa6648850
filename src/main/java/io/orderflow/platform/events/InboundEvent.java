package io.orderflow.platform.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event a location or carrier reported, as stored: its id (the sender's, unique), what it is
 * about, and whether it has reached its process yet.
 */
public record InboundEvent(String eventId, String source, UUID subjectId, String type, String payload,
		OffsetDateTime receivedAt, OffsetDateTime correlatedAt) {
}
