package io.orderflow.service;

/**
 * Where an adjustment stands. REQUESTED and PENDING_APPROVAL are open (their amount is held against what
 * is left of the line or shipping); REFUNDED and REJECTED are final.
 */
public enum AdjustmentStatus {

	/** Stored; the approval threshold has not been checked yet, or the approved adjustment is being refunded. */
	REQUESTED,
	/** Above the approval threshold: a supervisor other than the requester decides ("Approve appeasement"). */
	PENDING_APPROVAL,
	/** Credited (a credit memo) and refunded to the customer. */
	REFUNDED,
	/** A supervisor refused it; nothing was credited. */
	REJECTED;

	public boolean open() {
		return this == REQUESTED || this == PENDING_APPROVAL;
	}

}
