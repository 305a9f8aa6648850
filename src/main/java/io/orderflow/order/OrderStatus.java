package io.orderflow.order;

/** The status of an order as a whole (docs/domain.md). */
public enum OrderStatus {

	RECEIVED, ON_HOLD, APPROVED, ALLOCATED, BACKORDERED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED, CANCELED,
	REJECTED

}
