package io.orderflow.adjustment;



/**
 * Where an adjustment stands. REQUESTED and PENDING_APPROVAL are open (their amount is held against what
 * is left of the line or shipping); AWAITING_CAPTURE is approved, with a part still to be taken off a
 * capture; REFUNDED, APPLIED, LAPSED and REJECTED are final.
 */
public enum AdjustmentStatus {

	/** Stored; the approval threshold has not been checked yet, or the approved adjustment is being refunded. */
	REQUESTED,
	/** Above the approval threshold: a supervisor other than the requester decides ("Approve appeasement"). */
	PENDING_APPROVAL,
	/** Credited (a credit memo) and refunded to the customer, all of it. */
	REFUNDED,
	/**
	 * Approved before (all of) the line or shipping was captured: what was captured is refunded, the rest
	 * waits to be taken off the next capture(s).
	 */
	AWAITING_CAPTURE,
	/** Done: all of it was refunded or taken off captures (at least part of it lowered a capture). */
	APPLIED,
	/** What was still to be taken off a capture lapsed: nothing was left to invoice (e.g. the order was canceled). */
	LAPSED,
	/** A supervisor refused it; nothing was credited. */
	REJECTED;

	public boolean open() {
		return this == REQUESTED || this == PENDING_APPROVAL;
	}

}
