package io.orderflow.order;

import java.math.BigDecimal;

/** What the payment ledger says about an order: authorized and still open to capture, captured, refunded. */
public record MoneySummary(BigDecimal authorized, BigDecimal captured, BigDecimal refunded) {
}
