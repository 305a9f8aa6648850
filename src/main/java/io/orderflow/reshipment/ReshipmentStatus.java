package io.orderflow.reshipment;



/**
 * Where a reshipment stands. REQUESTED and IN_PROGRESS are open; the others are final and say what came
 * of it: every requested unit sent again and delivered, part of them, or none (no location had them).
 */
public enum ReshipmentStatus {

	/** Stored; stock is being allocated. */
	REQUESTED,
	/** Its fulfillment orders are on their way through the locations and the carrier. */
	IN_PROGRESS,
	/** Every requested unit was sent again. */
	RESHIPPED,
	/** Some requested units were sent again; no location had the others. */
	PARTIALLY_RESHIPPED,
	/** No location had any of the requested units; nothing was sent. */
	NOT_RESHIPPED;

	public boolean open() {
		return this == REQUESTED || this == IN_PROGRESS;
	}

}
