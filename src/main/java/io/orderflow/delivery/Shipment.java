package io.orderflow.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One fulfillment order's parcel, handed to a carrier. After a failed delivery the parcel may be booked again: each
 * booking is a shipment of its own, {@code attempt} 1, 2, ...; an earlier one names the one that {@code replacedBy}
 * it, and takes no more carrier events. {@code statusDetail} is what the carrier said with its last status (for
 * DELIVERY_FAILED: why).
 */
public record Shipment(UUID id, UUID fulfillmentOrderId, UUID orderId, String carrier, String trackingNumber,
		String labelReference, ShipmentStatus status, String statusDetail, boolean bookedByOrderflow,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, int attempt, UUID replacedBy) {
}
