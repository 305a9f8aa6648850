package io.orderflow.payment;

import java.math.BigDecimal;
import java.util.List;

/**
 * What to credit an order and refund.
 * @param sourceKey what the credit is for, e.g. {@code return:<returnOrderId>} or {@code adjustment:<id>}:
 * one credit memo per key, which makes crediting idempotent
 * @param reason for the credit memo and the order's timeline
 * @param items credited lines (may be empty when only shipping is credited)
 * @param shippingAmount shipping credited, {@code >= 0}
 * @param feeAmount kept back from the refund (a restocking fee), {@code >= 0}
 */
public record CreditMemoRequest(String sourceKey, String reason, List<CreditMemoItem> items,
		BigDecimal shippingAmount, BigDecimal feeAmount) {

	public CreditMemoRequest {
		items = items == null ? List.of() : List.copyOf(items);
		shippingAmount = shippingAmount == null ? BigDecimal.ZERO : shippingAmount;
		feeAmount = feeAmount == null ? BigDecimal.ZERO : feeAmount;
	}

}
