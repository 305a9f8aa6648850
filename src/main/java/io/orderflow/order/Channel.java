package io.orderflow.order;

/** Where an order came from. */
public enum Channel {

	WEB, B2B, STORE, MARKETPLACE, PHONE

}
