package io.orderflow.payment;

import java.math.BigDecimal;

/**
 * The money of one order (docs/domain.md), at the currency's scale.
 * @param authorized what is authorized and still open to capture
 * @param captured captured in total
 * @param refunded refunded in total
 * @param invoiced the totals of the issued invoices
 * @param credited the totals of the issued credit memos
 * @param totalAuthorized every authorization ever made, renewals included
 */
public record Ledger(String currency, BigDecimal authorized, BigDecimal captured, BigDecimal refunded,
		BigDecimal invoiced, BigDecimal credited, BigDecimal totalAuthorized) {

	/** {@code captured - refunded = invoiced - credited}, and nothing is captured beyond what was authorized. */
	public boolean reconciles() {
		return captured.subtract(refunded).compareTo(invoiced.subtract(credited)) == 0
				&& captured.compareTo(totalAuthorized) <= 0;
	}

}
