package io.orderflow.payment;

/**
 * The payment provider refused the call: a business outcome, not a failure. The process turns it into
 * the BPMN error {@value #BPMN_ERROR_CODE}; retrying the same call gives the same answer.
 */
public class PaymentDeclinedException extends RuntimeException {

	/** The BPMN error code the delegates throw for a declined payment. */
	public static final String BPMN_ERROR_CODE = "Error_PaymentDeclined";

	/** Why the provider refused. */
	public enum Reason {

		/** The issuer declined the payment method (or the token is unknown). */
		DECLINED,

		/** Not enough funds or credit for the amount. */
		INSUFFICIENT_FUNDS,

		/** The authorization has lapsed; it can no longer be captured or renewed. */
		AUTHORIZATION_EXPIRED,

		/** The authorization was voided (or replaced by a renewal). */
		AUTHORIZATION_CLOSED,

		/** More than what is authorized and not yet captured. */
		AMOUNT_EXCEEDS_AUTHORIZATION,

		/** A refund of more than the capture captured minus earlier refunds. */
		AMOUNT_EXCEEDS_CAPTURE

	}

	private final Reason reason;

	public PaymentDeclinedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

}
