package io.orderflow.order;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A manual hold as the REST API shows it: on the order ({@code hold}, while it is active) and under
 * {@code /api/orders/{id}/holds}. Fields without a value (the release of an active hold) are left out.
 */
public record OrderHoldView(UUID id, UUID orderId, String orderNumber, OrderHold.Status status, String reason,
		String heldBy, OffsetDateTime heldAt, String releasedBy, OffsetDateTime releasedAt, String releaseReason) {

	public static OrderHoldView of(OrderHold hold) {
		return new OrderHoldView(hold.id(), hold.orderId(), hold.orderNumber(), hold.status(), hold.reason(),
				hold.heldBy(), hold.heldAt(), hold.releasedBy(), hold.releasedAt(), hold.releaseReason());
	}

}
