package io.orderflow.order;

import java.time.OffsetDateTime;

/**
 * What people search orders by; every field is optional. {@code customerName} finds the orders whose customer's
 * name contains it, in any case. With {@code updatedSince} (inclusive) the orders come
 * oldest change first, so that a system polling for changes pages through them without missing one.
 */
public record OrderSearch(String orderNumber, String externalReference, String customerEmail, OrderStatus status,
		Channel channel, OffsetDateTime createdFrom, OffsetDateTime createdTo, OffsetDateTime updatedSince,
		String customerName) {

	/** A search without the customer's name. */
	public OrderSearch(String orderNumber, String externalReference, String customerEmail, OrderStatus status,
			Channel channel, OffsetDateTime createdFrom, OffsetDateTime createdTo, OffsetDateTime updatedSince) {
		this(orderNumber, externalReference, customerEmail, status, channel, createdFrom, createdTo, updatedSince, null);
	}

}
