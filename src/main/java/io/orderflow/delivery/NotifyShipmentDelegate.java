package io.orderflow.delivery;

import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.Notifications.Fact;
import io.orderflow.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifyShipment}: the customer learns that a parcel is on its way, with its tracking number. The order's
 * status moved already, in the transaction of the location's SHIPPED report.
 */
@Component("notifyShipment")
class NotifyShipmentDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final Shipments shipments;

	private final Notifications notifications;

	private final Orders orders;

	NotifyShipmentDelegate(FulfillmentOrders fulfillmentOrders, Shipments shipments, Notifications notifications,
			Orders orders) {
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.shipments = shipments;
		this.notifications = notifications;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		Shipment shipment = shipments.ofFulfillmentOrder(id).orElseThrow();
		notifications.notifyCustomer(fulfillmentOrder.orderId(),
				CustomerMessage.shipped(orders.require(fulfillmentOrder.orderId()), fulfillmentOrder.quantity()),
				fulfillmentOrder.quantity() + " item(s) with " + shipment.carrier() + ", tracking number "
						+ shipment.trackingNumber(),
				Map.of(Fact.UNITS, Integer.toString(fulfillmentOrder.quantity()), Fact.CARRIER, shipment.carrier(),
						Fact.TRACKING_NUMBER, shipment.trackingNumber()));
	}

}
