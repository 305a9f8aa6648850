package io.orderflow.fulfillment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What one location ships of an order. {@code number} is {@code <orderNumber>-F1}, {@code -F2}, and so on.
 * {@code statusReason} says why it was rejected or canceled. {@code reshipmentId} is set when it sends units
 * of a reshipment again: free of charge, counted as reshipped (not allocated or fulfilled) on the order lines.
 */
public record FulfillmentOrder(UUID id, UUID orderId, String number, String locationId,
		FulfillmentOrderStatus status, String statusReason, String carrier, String trackingNumber,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime shippedAt, OffsetDateTime deliveredAt,
		long version, UUID reshipmentId, List<FulfillmentOrderLine> lines) {

	public FulfillmentOrder {
		lines = List.copyOf(lines);
	}

	/** Whether it sends units of a reshipment again (never invoiced or captured). */
	public boolean reshipment() {
		return reshipmentId != null;
	}

	/** Units over all lines. */
	public int quantity() {
		return lines.stream().mapToInt(FulfillmentOrderLine::quantity).sum();
	}

}
