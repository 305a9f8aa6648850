package io.orderflow.payment;

import java.math.BigDecimal;

/**
 * The outside payment provider. Every call carries an idempotency key derived from what the call does
 * ({@code authorize:<orderId>}, {@code capture:<fulfillmentOrderId>}, …), so that a job retried after a
 * crash never charges twice:
 * <ul>
 * <li>the same key with the same parameters returns the first call's result and has no new effect;</li>
 * <li>the same key with other parameters is a bug in the caller: {@link IllegalStateException};</li>
 * <li>a call that failed (declined, unavailable) leaves nothing behind: the key may be tried again.</li>
 * </ul>
 * A business refusal is a {@link PaymentDeclinedException} (the process turns it into the BPMN error
 * {@value PaymentDeclinedException#BPMN_ERROR_CODE}); a transient failure or a timeout is a
 * {@link PaymentGatewayUnavailableException} (the job is retried, then becomes an incident). Arguments
 * that can never be right (unknown reference, amount not positive, more decimals than the currency has,
 * another currency than the authorization's) are an {@link IllegalArgumentException}.
 * <p>
 * {@link SandboxPaymentGateway} is the built-in implementation; a real adapter replaces it by
 * configuration ({@code orderflow.payment.gateway}).
 */
public interface PaymentGateway {

	/** Reserves {@code amount} on the customer's payment method, identified by the provider's token. */
	GatewayAuthorization authorize(String idempotencyKey, String token, BigDecimal amount, String currency,
			String orderReference);

	/**
	 * Takes {@code amount} of an authorization. Several captures may draw on one authorization, never
	 * beyond what is authorized and not yet captured.
	 */
	GatewayCapture capture(String idempotencyKey, String authorizationReference, BigDecimal amount, String currency,
			String invoiceNumber);

	/** Releases what is left uncaptured of an authorization; it can no longer be captured. */
	void voidAuthorization(String idempotencyKey, String authorizationReference);

	/** Pays back part or all of one capture, never beyond what it captured minus earlier refunds. */
	GatewayRefund refund(String idempotencyKey, String captureReference, BigDecimal amount, String currency);

	/**
	 * Replaces an authorization before it expires: a new authorization for {@code amount} (at most what
	 * is still uncaptured); the old one is voided.
	 */
	GatewayAuthorization reauthorize(String idempotencyKey, String authorizationReference, BigDecimal amount,
			String currency);

}
