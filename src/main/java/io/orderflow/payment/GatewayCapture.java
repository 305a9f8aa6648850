package io.orderflow.payment;

import java.math.BigDecimal;

/** A capture as the payment provider reports it. */
public record GatewayCapture(String reference, BigDecimal amount) {
}
