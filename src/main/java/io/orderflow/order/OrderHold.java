package io.orderflow.order;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A manual hold of an order: an agent stopped its fulfillment for a reason, until someone releases it. Not a status:
 * the order keeps its status (RECEIVED, ALLOCATED, …) while it is held, and ON_HOLD stays the risk review's.
 * @param releasedAt null while the hold is active
 */
public record OrderHold(UUID id, UUID orderId, String orderNumber, String reason, String heldBy,
		OffsetDateTime heldAt, String releasedBy, OffsetDateTime releasedAt, String releaseReason) {

	/** ACTIVE while the order is held, RELEASED once it was released. */
	public enum Status {

		ACTIVE, RELEASED

	}

	public Status status() {
		return releasedAt == null ? Status.ACTIVE : Status.RELEASED;
	}

	public boolean active() {
		return releasedAt == null;
	}

}
