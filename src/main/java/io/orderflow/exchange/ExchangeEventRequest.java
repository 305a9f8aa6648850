package io.orderflow.exchange;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A location reports that the units an exchange sends back arrived ({@code RETURN_RECEIVED}); they are restocked
 * there. {@code eventId} is the location's own, unique per event.
 */
public record ExchangeEventRequest(@Schema(example = "wh-berlin-exc-000042") @NotBlank @Size(max = 100) String eventId,
		@Schema(allowableValues = { "RETURN_RECEIVED" }) @NotBlank @Pattern(regexp = "RETURN_RECEIVED",
				message = "must be RETURN_RECEIVED") String type,
		@Schema(example = "WH-BERLIN") @NotBlank @Size(max = 64) String locationId, OffsetDateTime occurredAt) {
}
