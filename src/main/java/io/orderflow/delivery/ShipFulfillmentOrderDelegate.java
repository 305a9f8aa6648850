package io.orderflow.delivery;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.fulfillment.FulfillmentDeadlines;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.FulfillmentShipTos;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ShipFulfillmentOrder}: the parcel left the location; it gets a shipment, booked with the
 * carrier by Orderflow where the location did not give a tracking number, to the fulfillment order's ship-to
 * (its own after a change of address, else the order's), and the carrier has until the limit of the order's
 * delivery method to deliver it. An unreachable carrier is retried, then becomes an incident.
 */
@Component("shipFulfillmentOrder")
class ShipFulfillmentOrderDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final Orders orders;

	private final Shipments shipments;

	private final FulfillmentDeadlines deadlines;

	private final FulfillmentShipTos shipTos;

	ShipFulfillmentOrderDelegate(FulfillmentOrders fulfillmentOrders, Orders orders, Shipments shipments,
			FulfillmentDeadlines deadlines, FulfillmentShipTos shipTos) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.shipTos = shipTos;
		this.orders = orders;
		this.shipments = shipments;
		this.deadlines = deadlines;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		Order order = orders.find(fulfillmentOrder.orderId()).orElseThrow();
		Shipment shipment = shipments.ship(order.id(), id, fulfillmentOrder.number(), shipTos.shipTo(fulfillmentOrder, order),
				fulfillmentOrder.carrier(), fulfillmentOrder.trackingNumber());
		if (fulfillmentOrder.trackingNumber() == null) {
			fulfillmentOrders.setTracking(id, shipment.carrier(), shipment.trackingNumber());
		}
		deadlines.startDelivery(id);
	}

}
