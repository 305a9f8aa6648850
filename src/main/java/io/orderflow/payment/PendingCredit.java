package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A credit that lowers the next captures of an order line ({@code lineNumber}) or of shipping ({@code null})
 * instead of being refunded: the part of an approved adjustment that was not captured yet. Each invoice of
 * the line (or with shipping) gets a credit memo for as much of it as the invoice's amount for the line (or
 * shipping) allows, issued with the invoice; the capture takes the invoice's total minus that credit memo.
 * @param applied what issued credit memos (of issued invoices) took
 * @param reserved what credit memos of invoices still being captured took
 * @param lapsed what was given up because nothing was left to invoice
 */
public record PendingCredit(UUID id, UUID orderId, String sourceKey, Integer lineNumber, String currency,
		BigDecimal netAmount, BigDecimal taxAmount, BigDecimal amount, BigDecimal applied, BigDecimal reserved,
		BigDecimal lapsed, Status status, String reason, OffsetDateTime createdAt, OffsetDateTime closedAt) {

	public enum Status {

		/** Waits for (more) invoices of its line or of shipping. */
		PENDING,

		/** All of it lowered captures. */
		APPLIED,

		/** What was left was given up: nothing was left to invoice (order canceled, line fully invoiced). */
		LAPSED

	}

	/** What is still to lower captures. */
	public BigDecimal remaining() {
		return amount.subtract(applied).subtract(reserved).subtract(lapsed);
	}

	/** "line 1" or "shipping". */
	public String subject() {
		return lineNumber == null ? "shipping" : "line " + lineNumber;
	}

}
