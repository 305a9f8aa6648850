package io.orderflow.payment;

import java.math.BigDecimal;

/**
 * One item of a credit memo: units of an order line ({@code quantity > 0}, e.g. returned units) or an
 * amount on a line ({@code quantity 0}, e.g. an appeasement), net and tax at the currency's scale.
 */
public record CreditMemoItem(int lineNumber, int quantity, BigDecimal netAmount, BigDecimal taxAmount) {

	public BigDecimal totalAmount() {
		return netAmount.add(taxAmount);
	}

}
