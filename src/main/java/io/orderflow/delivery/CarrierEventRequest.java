package io.orderflow.delivery;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a carrier reports about a parcel. {@code eventId} is the carrier's own, unique per event; {@code detail} what
 * it says, for DELIVERY_FAILED the reason (recipient not at home, address not found, …), which the customer and the
 * service agent read.
 */
public record CarrierEventRequest(
		@Schema(example = "trk-evt-000123") @NotBlank @Size(max = 100) String eventId,
		@Schema(allowableValues = { "IN_TRANSIT", "DELIVERED", "DELIVERY_FAILED", "RETURNED_TO_SENDER" })
		@NotBlank @Pattern(regexp = "IN_TRANSIT|DELIVERED|DELIVERY_FAILED|RETURNED_TO_SENDER",
				message = "must be one of IN_TRANSIT, DELIVERED, DELIVERY_FAILED, RETURNED_TO_SENDER") String type,
		OffsetDateTime occurredAt,
		@Schema(description = "What the carrier says; for DELIVERY_FAILED the reason", example = "Recipient not at home")
		@Size(max = 500) String detail) {
}
