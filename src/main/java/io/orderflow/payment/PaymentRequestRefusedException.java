package io.orderflow.payment;

import io.orderflow.platform.NotWorthRetrying;

/**
 * The payment provider refused the request itself as invalid (a 4xx other than a rate limit or an authentication
 * failure: an unknown reference, an amount above what is left). Sending it again gets the same answer, so the job is
 * not retried: it becomes an incident at once with the provider's words.
 */
public class PaymentRequestRefusedException extends RuntimeException implements NotWorthRetrying {

	public PaymentRequestRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
