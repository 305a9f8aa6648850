package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An authorization as the payment provider reports it: its reference, amount and when it lapses. */
public record GatewayAuthorization(String reference, BigDecimal amount, String currency, OffsetDateTime expiresAt) {
}
