package io.orderflow.payment;

/**
 * The payment provider could not be reached, failed transiently or did not answer in time. Whether the
 * call took effect is unknown: the job is retried with the same idempotency key (which makes a call that
 * did take effect a replay) and becomes an incident when its retries are exhausted.
 */
public class PaymentGatewayUnavailableException extends RuntimeException {

	public PaymentGatewayUnavailableException(String message) {
		super(message);
	}

	public PaymentGatewayUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
