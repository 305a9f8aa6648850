package io.orderflow.exchange;

/**
 * Where an exchange stands: REQUESTED (the policy decides), APPROVED (the replacement is on the order, the
 * returned units are awaited), REJECTED (the return policy or the payment refused it, nothing changed), RECEIVED
 * (the returned units are back), COMPLETED (and the replacement has been delivered), EXPIRED (the
 * returned units did not come back in time: a replacement not shipped yet was canceled, one shipped went to a
 * service agent; units arriving later are refused).
 */
public enum ExchangeStatus {

	REQUESTED, APPROVED, REJECTED, RECEIVED, COMPLETED, EXPIRED;

	/** Whether its returned units still count as in flight or initiated on the order line. */
	boolean open() {
		return this == REQUESTED || this == APPROVED;
	}

}
