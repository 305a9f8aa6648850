package io.orderflow.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event's delivery to one subscription: PENDING until the target answered 2xx (DELIVERED), or until the
 * last try failed or the target answered 410 Gone (DEAD); the tries so far and what the last one got.
 */
record WebhookDelivery(long id, UUID subscriptionId, UUID eventId, String eventType, UUID orderId, long position,
		String status, int attempts, OffsetDateTime nextAttemptAt, Integer lastStatus, String lastError,
		OffsetDateTime createdAt, OffsetDateTime deliveredAt) {
}
