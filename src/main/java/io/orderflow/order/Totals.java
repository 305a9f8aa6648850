package io.orderflow.order;

import java.math.BigDecimal;

/** The money of an order, computed by Orderflow from its lines: never taken from the client. */
public record Totals(BigDecimal lines, BigDecimal tax, BigDecimal shipping, BigDecimal grandTotal) {
}
