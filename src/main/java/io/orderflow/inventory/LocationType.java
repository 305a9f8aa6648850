package io.orderflow.inventory;

/** A place that holds stock and ships orders. */
public enum LocationType {

	WAREHOUSE, STORE

}
