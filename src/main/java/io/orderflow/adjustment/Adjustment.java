package io.orderflow.adjustment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One discount or appeasement on an order: on a line ({@code lineNumber}) or on shipping, asked for as an
 * amount or a percentage ({@code requestedValue}), worth {@code amount} (tax included for a line: its
 * {@code netAmount} and {@code taxAmount}). Once approved, what of it was captured is credited and refunded
 * through the credit memo {@code creditMemoId} ({@code refundedAmount}); the rest ({@code pendingAmount})
 * lowers the next captures of the line or shipping ({@code captureLoweredAmount} so far), or lapses
 * ({@code lapsedAmount}) when nothing is left to invoice.
 */
public record Adjustment(UUID id, UUID orderId, String orderNumber, Target target, Integer lineNumber, Kind kind,
		BigDecimal requestedValue, BigDecimal amount, BigDecimal netAmount, BigDecimal taxAmount, String currency,
		String reason, AdjustmentStatus status, String requestedBy, String approvedBy, String decisionNote,
		UUID creditMemoId, String processInstanceId, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		BigDecimal refundedAmount, BigDecimal pendingAmount, BigDecimal captureLoweredAmount,
		BigDecimal lapsedAmount) {

	/** What still waits to be taken off a capture. */
	public BigDecimal awaitingCaptureAmount() {
		return status == AdjustmentStatus.AWAITING_CAPTURE
				? pendingAmount.subtract(captureLoweredAmount).subtract(lapsedAmount).max(BigDecimal.ZERO)
				: BigDecimal.ZERO.setScale(amount.scale());
	}

	public enum Target {

		LINE, SHIPPING

	}

	public enum Kind {

		AMOUNT, PERCENTAGE

	}

	/** What it is about, in words: "line 1 (SKU-MUG)" or "shipping". */
	public String subject() {
		return target == Target.SHIPPING ? "shipping" : "line " + lineNumber;
	}

}
