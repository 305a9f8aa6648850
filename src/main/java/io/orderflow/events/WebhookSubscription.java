package io.orderflow.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A webhook subscription: where to send which events. {@code secret} signs the deliveries; it is answered
 * only when the subscription is created.
 */
record WebhookSubscription(UUID id, String url, List<String> types, String locationId, String status,
		String disabledReason, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		@JsonIgnore String secret) {

	boolean active() {
		return "ACTIVE".equals(status);
	}

	/** Whether an event of this type, at this location (for fulfillment-order events), is for this subscription. */
	boolean wants(String type, String eventLocationId) {
		if (!types.contains(type)) {
			return false;
		}
		return locationId == null || !type.startsWith("fulfillment_order.") || locationId.equals(eventLocationId);
	}

}
