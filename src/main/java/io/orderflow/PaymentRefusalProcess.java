package io.orderflow;

/**
 * A capture or refund that the payment provider refused after it had received it,
 * {@code bpmn/payment-refusal.bpmn}: the names its model and the code share. Part of {@link OrderProcess}'s
 * catalogue of names, in a file of its own because that one is near the 500 lines a source file may have.
 */
public interface PaymentRefusalProcess {

	/** Its process definition key. */
	String KEY = "PaymentRefusal";

	interface Variables {

		/** The provider's notification of the refusal (Adyen: event code, PSP reference, success). */
		String PAYMENT_REFUSAL_ID = "paymentRefusalId";

		/** What was refused, by how much and why, in words, for the task's form. */
		String REFUSED_PAYMENT = "refusedPayment";

		/** How the person settled it: one of {@link Decisions}. */
		String REFUSAL_DECISION = "refusalDecision";

	}

	/** The decisions on "Settle refused payment". */
	interface Decisions {

		/** The money was moved another way: the capture or refund made again at the provider, or by bank transfer. */
		String SETTLED = "SETTLED";

		/** The money is given up (a capture the customer's card cannot pay, agreed not to be chased). */
		String WRITTEN_OFF = "WRITTEN_OFF";

	}

	interface Elements {

		String USER_TASK_SETTLE_REFUSED_PAYMENT = "UserTask_SettleRefusedPayment";

		String END_EVENT_REFUSED_PAYMENT_SETTLED = "EndEvent_RefusedPaymentSettled";

	}

}
