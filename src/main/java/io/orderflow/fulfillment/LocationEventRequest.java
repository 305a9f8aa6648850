package io.orderflow.fulfillment;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a location reports about a fulfillment order. {@code eventId} is the location's own, unique per
 * event. SHIPPED carries {@code carrier} and {@code trackingNumber} when the location booked the
 * carrier itself, or neither, to let Orderflow book it. REJECTED rejects the whole fulfillment order;
 * {@code lines} may say which lines were missing. PARCEL_RETURNED: the parcel of a failed delivery, awaited back for a
 * refund, is back at the location ({@code reason} may say what came back, in what state).
 */
public record LocationEventRequest(
		@Schema(example = "wh-berlin-evt-000123") @NotBlank @Size(max = 100) String eventId,
		@Schema(allowableValues = { "PICKED", "PACKED", "SHIPPED", "REJECTED", "PARCEL_RETURNED" })
		@NotBlank @Pattern(regexp = "PICKED|PACKED|SHIPPED|REJECTED|PARCEL_RETURNED",
				message = "must be one of PICKED, PACKED, SHIPPED, REJECTED, PARCEL_RETURNED") String type,
		OffsetDateTime occurredAt,
		@Size(max = 40) String carrier,
		@Size(max = 100) String trackingNumber,
		@Size(max = 500) String reason,
		@Valid List<@NotNull @Valid RejectedLine> lines) {

	public record RejectedLine(@Min(1) int lineNumber, @Min(1) int quantity) {
	}

}
