package io.orderflow.delivery;

/**
 * Where a parcel is, as its carrier reports it. DELIVERED and RETURNED_TO_SENDER (back at the location that shipped
 * it) are final.
 */
public enum ShipmentStatus {

	BOOKED, IN_TRANSIT, DELIVERED, DELIVERY_FAILED, RETURNED_TO_SENDER;

	/** DELIVERED or RETURNED_TO_SENDER: the carrier has no more to report about it. */
	public boolean finished() {
		return this == DELIVERED || this == RETURNED_TO_SENDER;
	}

}
