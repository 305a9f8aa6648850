package io.orderflow.payment;

import java.math.BigDecimal;

/** A refund as the payment provider reports it. */
public record GatewayRefund(String reference, BigDecimal amount) {
}
