package io.orderflow.order;

import java.time.OffsetDateTime;

/**
 * What people search orders by; every field is optional. With {@code updatedSince} (inclusive) the orders come
 * oldest change first, so that a system polling for changes pages through them without missing one.
 */
public record OrderSearch(String orderNumber, String externalReference, String customerEmail, OrderStatus status,
		Channel channel, OffsetDateTime createdFrom, OffsetDateTime createdTo, OffsetDateTime updatedSince) {
}
