package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What one fulfillment order shipped, and what the customer pays for it: its lines' net amounts, their
 * tax and a share of the order's shipping charge. The invoices of a fully shipped order add up exactly to
 * its grand total.
 */
public record Invoice(UUID id, String invoiceNumber, UUID orderId, UUID fulfillmentOrderId,
		String fulfillmentOrderNumber, String currency, BigDecimal netAmount, BigDecimal taxAmount,
		BigDecimal shippingAmount, BigDecimal totalAmount, Status status, OffsetDateTime createdAt,
		OffsetDateTime issuedAt, List<Line> lines) {

	public enum Status {

		/** Amounts fixed, total not yet captured (the capture is pending, failed or declined). */
		DRAFT,

		/** Total captured. Only issued invoices count as invoiced in the {@link Ledger}. */
		ISSUED

	}

	/** One order line on the invoice: net = quantity × unit price; tax is its share of the line's tax. */
	public record Line(int lineNumber, UUID orderLineId, String sku, int quantity, BigDecimal unitPrice,
			BigDecimal netAmount, BigDecimal taxAmount, BigDecimal totalAmount) {
	}

}
