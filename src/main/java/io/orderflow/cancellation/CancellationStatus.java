package io.orderflow.cancellation;



/**
 * Where a cancellation stands. REQUESTED and IN_REVIEW are open; the others are final and say what came
 * of it: everything requested canceled, part of it (the rest had shipped), nothing (all of it had
 * shipped), or refused by a service agent.
 */
public enum CancellationStatus {

	/** Stored; the cancellation policy has not decided yet, or the approved cancellation is being carried out. */
	REQUESTED,
	/** A service agent decides ("Review cancellation" in Tasklist). */
	IN_REVIEW,
	/** A service agent refused it; nothing was canceled. */
	REJECTED,
	/** Every requested unit was canceled. */
	CANCELED,
	/** Some requested units had already shipped and were not canceled. */
	PARTIALLY_CANCELED,
	/** Every requested unit had already shipped. */
	NOT_CANCELED;

	public boolean open() {
		return this == REQUESTED || this == IN_REVIEW;
	}

}
