package io.orderflow.order;

import java.time.OffsetDateTime;

/** What people search orders by; every field is optional. */
public record OrderSearch(String orderNumber, String externalReference, String customerEmail, OrderStatus status,
		Channel channel, OffsetDateTime createdFrom, OffsetDateTime createdTo) {
}
