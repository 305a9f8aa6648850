package io.orderflow.returns;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A location reports that the goods of a return order arrived. {@code eventId} is the location's own, unique
 * per event. {@code lines} say per line how many units came ({@code quantity}) and, when the location checked
 * them, how many are {@code resellable} and {@code damaged}; without lines every requested unit came. Units
 * whose condition is not reported are inspected in Tasklist ("Inspect returned items").
 */
public record ReturnEventRequest(@Schema(example = "wh-berlin-ret-000042") @NotBlank @Size(max = 100) String eventId,
		@Schema(allowableValues = { "RETURN_RECEIVED" }) @NotBlank @Pattern(regexp = "RETURN_RECEIVED",
				message = "must be RETURN_RECEIVED") String type,
		OffsetDateTime occurredAt, @Valid List<@NotNull @Valid Line> lines) {

	public record Line(Integer lineNumber, Integer quantity, Integer resellable, Integer damaged) {
	}

}
