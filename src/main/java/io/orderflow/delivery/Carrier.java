package io.orderflow.delivery;

import io.orderflow.order.Address;

/**
 * A parcel carrier. Booking carries an idempotency key derived from what it books
 * ({@code book:<fulfillmentOrderId>}), so that a retried job never books two shipments.
 */
public interface Carrier {

	/** The carrier's name as it appears on shipments, e.g. "SANDBOX". */
	String name();

	/**
	 * Books the transport of one fulfillment order's parcel.
	 * @throws CarrierUnavailableException when the carrier cannot be reached (retry later)
	 * @throws CarrierRejectedException when the carrier refuses the shipment (a person must look)
	 */
	CarrierBooking book(String idempotencyKey, String fulfillmentOrderNumber, Address shipTo);

	record CarrierBooking(String trackingNumber, String labelReference) {
	}

	class CarrierUnavailableException extends RuntimeException {

		public CarrierUnavailableException(String message) {
			super(message);
		}

	}

	class CarrierRejectedException extends RuntimeException {

		public CarrierRejectedException(String message) {
			super(message);
		}

	}

}
