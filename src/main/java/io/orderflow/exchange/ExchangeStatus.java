package io.orderflow.exchange;

/**
 * Where an exchange stands: REQUESTED (the policy decides), APPROVED (the replacement is on the order, the
 * returned units are awaited), REJECTED (the return policy or the payment refused it, nothing changed), RECEIVED
 * (the returned units are back), COMPLETED (and the replacement has been delivered).
 */
public enum ExchangeStatus {

	REQUESTED, APPROVED, REJECTED, RECEIVED, COMPLETED;

	/** Whether its returned units still count as in flight or initiated on the order line. */
	boolean open() {
		return this == REQUESTED || this == APPROVED;
	}

}
