package io.orderflow.returns;



/**
 * Where a return order stands (docs/domain.md). REQUESTED and APPROVED are open: the units are spoken for;
 * RECEIVED is on its way to the refund; REJECTED, REFUNDED and CLOSED are final.
 */
public enum ReturnStatus {

	/** Stored; eligibility and a service agent's review are pending. */
	REQUESTED,
	/** Approved: Orderflow waits for the goods (until the return expires). */
	APPROVED,
	/** Not eligible, or refused by a service agent; nothing is returned. */
	REJECTED,
	/** The goods arrived; restock and refund follow. */
	RECEIVED,
	/** Resellable units are back in stock and the credit memo is refunded. */
	REFUNDED,
	/** Approved, but the goods never arrived before the return expired. */
	CLOSED;

	/** The units of a REQUESTED or APPROVED return count against what is still available to return. */
	public boolean open() {
		return this == REQUESTED || this == APPROVED;
	}

}
