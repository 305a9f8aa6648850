package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An authorization of an order's payment, as Orderflow recorded it.
 * @param gatewayReference the provider's reference of the authorization
 * @param amount what was authorized
 * @param captured how much of it has been captured
 * @param replacesId the authorization this one renewed, or {@code null}
 */
public record PaymentAuthorization(UUID id, UUID orderId, String gateway, String gatewayReference, BigDecimal amount,
		BigDecimal captured, String currency, Status status, OffsetDateTime authorizedAt, OffsetDateTime expiresAt,
		UUID replacesId) {

	public enum Status {

		/** Open: what is not yet captured can be captured. */
		AUTHORIZED,

		/** Captured in full. */
		CAPTURED,

		/** Voided: its uncaptured remainder was released. */
		VOIDED,

		/** Replaced by a new authorization for its uncaptured remainder (and voided at the provider). */
		RENEWED

	}

	public boolean isOpen() {
		return status == Status.AUTHORIZED;
	}

	/** What is authorized and not captured; only an open authorization can still be captured. */
	public BigDecimal uncaptured() {
		return amount.subtract(captured);
	}

}
