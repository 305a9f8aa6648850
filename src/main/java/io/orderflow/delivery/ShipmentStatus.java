package io.orderflow.delivery;

/** Where a parcel is, as its carrier reports it. */
public enum ShipmentStatus {

	BOOKED, IN_TRANSIT, DELIVERED, DELIVERY_FAILED

}
