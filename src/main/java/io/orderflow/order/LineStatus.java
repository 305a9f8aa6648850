package io.orderflow.order;

/** The status of one order line, derived from its {@link Quantities}; never stored. */
public enum LineStatus {

	ORDERED, PARTIALLY_ALLOCATED, ALLOCATED, PARTIALLY_FULFILLED, FULFILLED, CANCELED, RETURN_INITIATED, RETURNED, RESHIPPED

}
