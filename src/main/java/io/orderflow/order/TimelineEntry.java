package io.orderflow.order;

import java.time.OffsetDateTime;

/** One change to an order, as a service agent reads it: what, when, who, and before/after where it matters. */
public record TimelineEntry(long id, OffsetDateTime occurredAt, String type, String actor, String description,
		String before, String after) {
}
