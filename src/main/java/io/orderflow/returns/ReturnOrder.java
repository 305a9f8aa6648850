package io.orderflow.returns;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One return of an order (RMA): what comes back per line and why, and as it goes on what arrived in which
 * condition, what went back to stock and what was refunded. Amounts are in the order's {@code currency}, at its
 * scale. {@code note} is the requester's, {@code decisionNote} the reviewing agent's.
 */
public record ReturnOrder(UUID id, UUID orderId, String orderNumber, String rmaNumber, ReturnStatus status,
		String requestedBy, String locationId, String statusReason, String note, String decisionNote,
		String creditMemoNumber,
		BigDecimal refundAmount, BigDecimal feeAmount, String currency, String processInstanceId,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Line> lines) {

	public ReturnOrder {
		lines = List.copyOf(lines);
	}

	/**
	 * One order line of the return: units asked for and why; units received, resellable and damaged (null
	 * until known) and restocked.
	 */
	public record Line(int lineNumber, String sku, int quantity, ReturnReason reason, Integer received,
			Integer resellable, Integer damaged, int restocked) {

		boolean conditionKnown() {
			return resellable != null && damaged != null;
		}

	}

	public int units() {
		return lines.stream().mapToInt(Line::quantity).sum();
	}

}
