package io.orderflow.cancellation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One cancellation of an order: what was requested per line and, once carried out, what was canceled and
 * what was not (because it had shipped). {@code result} says it in words.
 */
public record Cancellation(UUID id, UUID orderId, String orderNumber, boolean wholeOrder, String reason,
		CancellationStatus status, String requestedBy, String decisionNote, String processInstanceId,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Line> lines) {

	public Cancellation {
		lines = List.copyOf(lines);
	}

	/** One order line of the cancellation: units requested, canceled and not canceled (shipped). */
	public record Line(int lineNumber, String sku, int requested, int canceled, int notCanceled) {
	}

	public String result() {
		return switch (status) {
			case REQUESTED -> "Requested; not carried out yet";
			case IN_REVIEW -> "Waiting for a service agent's decision";
			case REJECTED -> "Rejected by a service agent; nothing was canceled";
			case CANCELED -> "Every requested unit was canceled";
			case PARTIALLY_CANCELED, NOT_CANCELED -> (status == CancellationStatus.NOT_CANCELED
					? "Nothing could be canceled: " : "Partly canceled: ")
					+ String.join("; ", lines.stream()
						.filter(line -> line.notCanceled() > 0)
						.map(line -> "line " + line.lineNumber() + ": " + line.notCanceled() + " of " + line.requested()
								+ " not canceled, already shipped")
						.toList());
		};
	}

	public int requestedUnits() {
		return lines.stream().mapToInt(Line::requested).sum();
	}

}
