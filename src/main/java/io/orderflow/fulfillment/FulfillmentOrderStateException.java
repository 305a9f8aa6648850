package io.orderflow.fulfillment;

import java.util.UUID;

/**
 * The fulfillment order cannot make this change in its current status: a step backwards (PICKED after
 * SHIPPED), anything after CANCELED or REJECTED, a delivery before shipping, or a rejection after
 * shipping. Nothing was changed. A REST layer answers 409 Conflict.
 */
public class FulfillmentOrderStateException extends IllegalStateException {

	private final UUID fulfillmentOrderId;

	private final FulfillmentOrderStatus status;

	private final String requested;

	FulfillmentOrderStateException(FulfillmentOrder fulfillmentOrder, String requested) {
		super("Fulfillment order " + fulfillmentOrder.number() + " is " + fulfillmentOrder.status() + ": cannot "
				+ requested);
		this.fulfillmentOrderId = fulfillmentOrder.id();
		this.status = fulfillmentOrder.status();
		this.requested = requested;
	}

	public UUID fulfillmentOrderId() {
		return fulfillmentOrderId;
	}

	/** The status it has, which did not change. */
	public FulfillmentOrderStatus status() {
		return status;
	}

	/** What was asked of it, e.g. "become PICKED". */
	public String requested() {
		return requested;
	}

}
