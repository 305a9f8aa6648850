package io.orderflow.fulfillment;

/**
 * Where a fulfillment order stands. The steps from CREATED to DELIVERED only go forward, and a location
 * may skip some (RELEASED → SHIPPED is fine). CANCELED, REJECTED and UNDELIVERED are final: nothing more
 * happens to the fulfillment order.
 */
public enum FulfillmentOrderStatus {

	/** Stock reserved at the location; not yet sent to it. */
	CREATED(0),
	/** Sent to the location, which is to pick, pack and ship it. */
	RELEASED(1),
	PICKED(2),
	PACKED(3),
	/** Left the location: stock consumed, the order lines' fulfilled quantities counted. */
	SHIPPED(4),
	DELIVERED(5),
	/** Called off before it shipped; its reservations were released. */
	CANCELED(-1),
	/** The location could not ship it; its reservations were released and its lines re-routed. */
	REJECTED(-1),
	/**
	 * It shipped, but its parcel never reached the customer (the carrier could not deliver it, or it was given up
	 * as lost): its units were reshipped or, once the parcel was back, refunded.
	 */
	UNDELIVERED(-1);

	private final int step;

	FulfillmentOrderStatus(int step) {
		this.step = step;
	}

	/** CANCELED, REJECTED or UNDELIVERED: final, and not a step of the way. */
	public boolean closed() {
		return step < 0;
	}

	/** Still holds reserved stock at its location: created but neither shipped nor closed. */
	public boolean open() {
		return step >= 0 && step < SHIPPED.step;
	}

	/** Left its location: SHIPPED, DELIVERED, or UNDELIVERED (shipped, never arrived). */
	public boolean shipped() {
		return this == SHIPPED || this == DELIVERED || this == UNDELIVERED;
	}

	/** Position on the way from CREATED (0) to DELIVERED (5); -1 for the closed ones. */
	int step() {
		return step;
	}

}
