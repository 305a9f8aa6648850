package io.orderflow.fulfillment;

import java.util.UUID;

/**
 * Parcels of failed deliveries that come back to the location that shipped them, as the location reports them
 * (PARCEL_RETURNED). The delivery stage owns failed deliveries and answers (it depends on the fulfillment stage, never
 * the other way round).
 */
public interface ReturnedParcels {

	/**
	 * The location has the parcel of a fulfillment order back: it counts as back at the sender, as the carrier's
	 * RETURNED_TO_SENDER does; whichever of the two comes first counts, the second changes nothing.
	 * @return true when this report brought the parcel back (its process is to learn it), false when it was known to
	 * be back already (nothing changes)
	 * @throws io.orderflow.platform.events.EventConflictException when no parcel of the fulfillment order is awaited
	 * back: its delivery did not fail, or no service agent decided to refund it once it is back, or it was resolved
	 * otherwise
	 */
	boolean backAtLocation(UUID fulfillmentOrderId, String locationId, String note);

	/** Whether the fulfillment order's process has yet to take in that its parcel is back (to refund its units). */
	boolean refundAwaitsReturn(UUID fulfillmentOrderId);

}
