package io.orderflow.platform.events;

/** An event about a fulfillment order or shipment Orderflow does not know: 404. */
public class EventSubjectNotFoundException extends RuntimeException {

	public EventSubjectNotFoundException(String message) {
		super(message);
	}

}
