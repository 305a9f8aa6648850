package io.orderflow.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One fulfillment order's parcel, handed to a carrier. */
public record Shipment(UUID id, UUID fulfillmentOrderId, UUID orderId, String carrier, String trackingNumber,
		String labelReference, ShipmentStatus status, boolean bookedByOrderflow, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {
}
