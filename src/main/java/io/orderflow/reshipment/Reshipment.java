package io.orderflow.reshipment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One reshipment of an order: units of shipped lines sent again, free of charge, because they were lost or
 * damaged. Per line what was requested and, once done, what was sent again and what was not (no location
 * had it). {@code result} says it in words.
 */
public record Reshipment(UUID id, UUID orderId, String orderNumber, String reason, ReshipmentStatus status,
		String requestedBy, String processInstanceId, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		List<Line> lines) {

	public Reshipment {
		lines = List.copyOf(lines);
	}

	/** One order line of the reshipment: units requested, sent again and not sent again. */
	public record Line(int lineNumber, String sku, int requested, int reshipped, int notReshipped) {
	}

	public String result() {
		return switch (status) {
			case REQUESTED -> "Requested; stock is being allocated";
			case IN_PROGRESS -> "On its way: allocated to locations, free of charge";
			case RESHIPPED -> "Every requested unit was sent again, free of charge";
			case PARTIALLY_RESHIPPED, NOT_RESHIPPED -> (status == ReshipmentStatus.NOT_RESHIPPED
					? "Nothing could be sent again: " : "Partly sent again: ")
					+ String.join("; ", lines.stream()
						.filter(line -> line.notReshipped() > 0)
						.map(line -> "line " + line.lineNumber() + ": " + line.notReshipped() + " of " + line.requested()
								+ " not sent, no location has the stock")
						.toList());
		};
	}

}
