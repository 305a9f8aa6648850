package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One call to the payment provider, successful or not.
 * @param authorizationId the authorization it made or drew on, if any
 * @param documentNumber the invoice (capture) or credit memo (refund) it pays
 * @param failureReason why a failed call was declined
 */
public record PaymentTransaction(UUID id, UUID orderId, UUID authorizationId, Type type, BigDecimal amount,
		String currency, Status status, String idempotencyKey, String gatewayReference, String documentNumber,
		String failureReason, OffsetDateTime createdAt) {

	public enum Type {

		AUTHORIZATION, REAUTHORIZATION, CAPTURE, VOID, REFUND

	}

	public enum Status {

		SUCCEEDED, FAILED

	}

}
