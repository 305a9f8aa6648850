package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What an order was credited, and refunded: items (returned units, amounts off a line), shipping, minus
 * a fee kept back. {@code totalAmount = netAmount + taxAmount + shippingAmount - feeAmount} is what the
 * customer gets back, spread over the order's captures ({@link #refunds()}).
 */
public record CreditMemo(UUID id, String creditMemoNumber, UUID orderId, String sourceKey, String currency,
		BigDecimal netAmount, BigDecimal taxAmount, BigDecimal shippingAmount, BigDecimal feeAmount,
		BigDecimal totalAmount, Status status, String reason, OffsetDateTime createdAt, OffsetDateTime issuedAt,
		List<CreditMemoItem> items, List<Refund> refunds) {

	public enum Status {

		/** Amounts and refunds fixed, not (all) refunded yet. */
		DRAFT,

		/** Refunded. Only issued credit memos count as credited in the {@link Ledger}. */
		ISSUED

	}

	/** The part of the total refunded against one capture. */
	public record Refund(String captureReference, BigDecimal amount) {
	}

}
