package io.orderflow.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One discount or appeasement on an order: on a line ({@code lineNumber}) or on shipping, asked for as an
 * amount or a percentage ({@code requestedValue}), worth {@code amount} (tax included for a line: its
 * {@code netAmount} and {@code taxAmount}), credited and refunded through the credit memo
 * {@code creditMemoId} once approved.
 */
public record Adjustment(UUID id, UUID orderId, String orderNumber, Target target, Integer lineNumber, Kind kind,
		BigDecimal requestedValue, BigDecimal amount, BigDecimal netAmount, BigDecimal taxAmount, String currency,
		String reason, AdjustmentStatus status, String requestedBy, String approvedBy, String decisionNote,
		UUID creditMemoId, String processInstanceId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

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
