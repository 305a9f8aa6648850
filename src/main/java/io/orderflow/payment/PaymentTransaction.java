package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One call to the payment provider, successful or not. A call tried again with the same idempotency key and the
 * same outcome (a retried job) is the same call: its {@code attempts} count up, it is not recorded twice.
 * @param authorizationId the authorization it made or drew on, if any
 * @param result why a failed call failed: the provider's decline reason ({@link PaymentDeclinedException.Reason}),
 * {@value GatewayCalls#UNAVAILABLE} (unreachable, a transient failure, a timeout) or {@value GatewayCalls#ERROR}
 * (the provider refused the call's arguments); null for a successful call
 * @param documentNumber the invoice (capture) or credit memo (refund) it pays
 * @param failureReason what the provider said when the call last failed, after its result
 * @param attempts how often the call was tried with this outcome (1 for a successful call)
 * @param createdAt when it was first tried
 * @param lastAttemptAt when it was last tried
 */
public record PaymentTransaction(UUID id, UUID orderId, UUID authorizationId, Type type, BigDecimal amount,
		String currency, Status status, String result, String idempotencyKey, String gatewayReference,
		String documentNumber, String failureReason, int attempts, OffsetDateTime createdAt,
		OffsetDateTime lastAttemptAt) {

	public enum Type {

		AUTHORIZATION, REAUTHORIZATION, CAPTURE, VOID, REFUND

	}

	public enum Status {

		SUCCEEDED, FAILED

	}

}
