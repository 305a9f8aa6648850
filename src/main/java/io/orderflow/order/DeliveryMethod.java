package io.orderflow.order;

/** How the customer wants the goods. */
public enum DeliveryMethod {

	STANDARD, EXPRESS, PICKUP_IN_STORE

}
