package io.orderflow.delivery;

import io.orderflow.order.Address;
import io.orderflow.platform.NotWorthRetrying;

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
	 * @throws CarrierRejectedException when the carrier refuses the shipment (not retried: a person must look)
	 */
	CarrierBooking book(String idempotencyKey, String fulfillmentOrderNumber, Address shipTo);

	record CarrierBooking(String trackingNumber, String labelReference) {
	}

	class CarrierUnavailableException extends RuntimeException {

		public CarrierUnavailableException(String message) {
			super(message);
		}

	}

	/** The carrier refuses the parcel: booking again cannot help, the job becomes an incident at once. */
	class CarrierRejectedException extends RuntimeException implements NotWorthRetrying {

		public CarrierRejectedException(String message) {
			super(message);
		}

	}

}
