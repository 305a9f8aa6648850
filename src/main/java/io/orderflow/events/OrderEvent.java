package io.orderflow.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One outbound event as consumers receive it: its id (the same on every delivery), type and version, when it
 * happened, the order it is about, the order's own count of its events ({@code sequence}: 1, 2, 3, ... in
 * commit order) and the data a consumer needs without calling back. {@code sequence} and {@code position} (its
 * place in the feed) are given right after the commit; every event a consumer receives has both.
 */
public record OrderEvent(UUID id, String type, int version, OffsetDateTime occurredAt, UUID orderId,
		String orderNumber, Long sequence, JsonNode data, String position) {
}
