package io.orderflow.order;

import java.math.BigDecimal;
import java.util.UUID;

/** One line of an order: what was bought, at what price, and how far it has come. */
public record OrderLine(UUID id, int lineNumber, String sku, String name, BigDecimal unitPrice, BigDecimal taxRate,
		BigDecimal subtotal, BigDecimal tax, BigDecimal total, Quantities quantities) {

	public LineStatus status() {
		return quantities.status();
	}

}
