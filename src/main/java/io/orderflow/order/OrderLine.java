package io.orderflow.order;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One line of an order: what was bought, at what price, and how far it has come. {@code exchangeId} is set on a
 * line that is an exchange's replacement (sent in place of returned units), null on the lines the order was
 * placed with.
 */
public record OrderLine(UUID id, int lineNumber, String sku, String name, BigDecimal unitPrice, BigDecimal taxRate,
		BigDecimal subtotal, BigDecimal tax, BigDecimal total, Quantities quantities, UUID exchangeId) {

	public OrderLine(UUID id, int lineNumber, String sku, String name, BigDecimal unitPrice, BigDecimal taxRate,
			BigDecimal subtotal, BigDecimal tax, BigDecimal total, Quantities quantities) {
		this(id, lineNumber, sku, name, unitPrice, taxRate, subtotal, tax, total, quantities, null);
	}

	public LineStatus status() {
		return quantities.status();
	}

}
