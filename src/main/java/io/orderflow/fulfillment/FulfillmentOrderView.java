package io.orderflow.fulfillment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.Address;
import io.orderflow.order.DeliveryMethod;
import io.orderflow.order.Order;

/**
 * A fulfillment order as a location reads it: what to ship, and where to and how — its ship-to (its own
 * after a change of address, else the order's shipping address, {@link FulfillmentShipTos}) and the order's
 * delivery method — without the customer's e-mail address or any money, so that
 * warehouse staff need no access to the order itself; whether an agent holds the order ({@code onHold}: do not
 * ship it yet). {@code shipBy} and {@code deliverBy} are its limits ({@link FulfillmentDeadlines}); {@code late}
 * says that one of them passed in the stage it is in, since {@code lateSince}.
 */
record FulfillmentOrderView(UUID id, UUID orderId, String orderNumber, String number, String locationId,
		FulfillmentOrderStatus status, String statusReason, String carrier, String trackingNumber, Address shipTo,
		DeliveryMethod deliveryMethod, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime shippedAt,
		OffsetDateTime deliveredAt, OffsetDateTime shipBy, OffsetDateTime deliverBy, boolean late,
		OffsetDateTime lateSince, long version, UUID reshipmentId, List<FulfillmentOrderLine> lines, boolean onHold) {

	/** @param onHold whether an agent holds the order: the location is not to ship it until the hold ends */
	static FulfillmentOrderView of(FulfillmentOrder f, Order order, Address shipTo,
			FulfillmentDeadlines.Deadline deadline, boolean onHold) {
		boolean late = deadline.late(f.status());
		return new FulfillmentOrderView(f.id(), f.orderId(), order.orderNumber(), f.number(), f.locationId(),
				f.status(), f.statusReason(), f.carrier(), f.trackingNumber(), shipTo,
				order.deliveryMethod(), f.createdAt(), f.updatedAt(), f.shippedAt(), f.deliveredAt(), deadline.shipBy(),
				deadline.deliverBy(), late, late ? deadline.lateSince() : null, f.version(), f.reshipmentId(),
				f.lines(), onHold && !f.status().closed() && !f.status().shipped());
	}

}
