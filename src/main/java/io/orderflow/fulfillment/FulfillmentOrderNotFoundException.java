package io.orderflow.fulfillment;

import java.util.NoSuchElementException;
import java.util.UUID;

/** No fulfillment order has this id. A REST layer answers 404. */
public class FulfillmentOrderNotFoundException extends NoSuchElementException {

	private final UUID fulfillmentOrderId;

	FulfillmentOrderNotFoundException(UUID fulfillmentOrderId) {
		super("No fulfillment order " + fulfillmentOrderId);
		this.fulfillmentOrderId = fulfillmentOrderId;
	}

	public UUID fulfillmentOrderId() {
		return fulfillmentOrderId;
	}

}
