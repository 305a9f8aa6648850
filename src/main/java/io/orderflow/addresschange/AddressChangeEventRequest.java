package io.orderflow.addresschange;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A location's answer to {@code fulfillment_order.address_change_requested}: it ACCEPTED the new address for its
 * fulfillment order (it ships there) or REFUSED it (it ships to the old one), and why. {@code eventId} is the
 * location's own, unique per event.
 */
public record AddressChangeEventRequest(
		@Schema(example = "wh-berlin-adr-000042") @NotBlank @Size(max = 100) String eventId,
		@Schema(allowableValues = { "ACCEPTED", "REFUSED" }) @NotBlank @Pattern(regexp = "ACCEPTED|REFUSED",
				message = "must be ACCEPTED or REFUSED") String type,
		@NotNull UUID fulfillmentOrderId,
		@Schema(example = "Relabelled before pickup") @Size(max = 500) String reason,
		OffsetDateTime occurredAt) {
}
