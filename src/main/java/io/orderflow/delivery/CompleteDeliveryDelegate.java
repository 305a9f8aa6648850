package io.orderflow.delivery;

import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.OrderProgress;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.Notifications.Fact;
import io.orderflow.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CompleteDelivery}: the parcel arrived; the fulfillment order is DELIVERED and the customer told. A parcel
 * that arrives after its delivery failed closes the failure (and frees units held for its refund).
 */
@Component("completeDelivery")
class CompleteDeliveryDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final Shipments shipments;

	private final CarrierEvents carrierEvents;

	private final Notifications notifications;

	private final OrderProgress progress;

	private final Orders orders;

	private final DeliveryFailures failures;

	CompleteDeliveryDelegate(FulfillmentOrders fulfillmentOrders, Shipments shipments, CarrierEvents carrierEvents,
			Notifications notifications, OrderProgress progress, Orders orders, DeliveryFailures failures) {
		this.orders = orders;
		this.failures = failures;
		this.fulfillmentOrders = fulfillmentOrders;
		this.shipments = shipments;
		this.carrierEvents = carrierEvents;
		this.notifications = notifications;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		failures.deliveredAfterAll(id);
		if (fulfillmentOrders.markDelivered(id)) {
			Shipment shipment = shipments.ofFulfillmentOrder(id).orElseThrow();
			carrierEvents.acknowledgeDelivered(shipment.id());
			notifications.notifyCustomer(fulfillmentOrder.orderId(),
					CustomerMessage.delivered(orders.require(fulfillmentOrder.orderId()), fulfillmentOrder.quantity()),
					"Tracking number " + shipment.trackingNumber(),
					Map.of(Fact.TRACKING_NUMBER, shipment.trackingNumber(), Fact.CARRIER, shipment.carrier()));
		}
		progress.refresh(fulfillmentOrder.orderId(), "system:delivery");
	}

}
