package io.orderflow.delivery;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a carrier reports about a parcel. {@code eventId} is the carrier's own, unique per event. */
public record CarrierEventRequest(
		@Schema(example = "trk-evt-000123") @NotBlank @Size(max = 100) String eventId,
		@Schema(allowableValues = { "IN_TRANSIT", "DELIVERED", "DELIVERY_FAILED" })
		@NotBlank @Pattern(regexp = "IN_TRANSIT|DELIVERED|DELIVERY_FAILED", message = "must be one of IN_TRANSIT, DELIVERED, DELIVERY_FAILED") String type,
		OffsetDateTime occurredAt,
		@Size(max = 500) String detail) {
}
