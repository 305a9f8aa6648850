package io.orderflow.delivery;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What became of a parcel that did not reach the customer: the carrier could not deliver it ({@code FAILED}, with
 * its reason) or a service agent gave it up as lost ({@code LOST}); one per shipment. {@code decision} is the
 * agent's (REDELIVER, RESHIP, REFUND), {@code status} how far it got; a refund names its credit memo and amount.
 * {@code returnBy} is when a parcel awaited back for a refund must be back at the sender.
 */
public record DeliveryFailure(UUID shipmentId, UUID fulfillmentOrderId, UUID orderId, Kind kind, String reason,
		Status status, String decision, String decidedBy, String creditMemoNumber, BigDecimal refundAmount,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime returnBy) {

	public enum Kind {

		/** The carrier reported DELIVERY_FAILED (or the parcel back at the sender). */
		FAILED,
		/** Not delivered in time and given up by a service agent. */
		LOST

	}

	public enum Status {

		/** Waiting for a service agent's decision. */
		OPEN,
		/** Booked with the carrier again: a new shipment replaces this one. */
		REDELIVERED,
		/** Given up; a reshipment sends its units again. */
		RESHIPPED,
		/** Its units are held for a refund until the parcel is back at the sender. */
		AWAITING_RETURN,
		/** Back at the sender: its units count as returned; the refund follows. */
		RETURNED,
		/**
		 * Not back at the sender by its return deadline, and given up as lost by a service agent: its units count as
		 * returned (not back in stock); the refund follows.
		 */
		NOT_RETURNED,
		/** Its units were credited and refunded. */
		REFUNDED,
		/** The carrier delivered it after all. */
		DELIVERED;

		/** Still open to an outcome: OPEN or AWAITING_RETURN. */
		public boolean pending() {
			return this == OPEN || this == AWAITING_RETURN;
		}

	}

}
