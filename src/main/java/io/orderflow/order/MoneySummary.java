package io.orderflow.order;

import java.math.BigDecimal;

/** What the payment ledger says about an order: authorized (still open), captured and refunded. */
public record MoneySummary(BigDecimal authorized, BigDecimal captured, BigDecimal refunded) {
}
