package io.orderflow.capture;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ApproveOrder}: payment authorized and no objection: the order is APPROVED and confirmed. */
@Component("approveOrder")
class ApproveOrderDelegate implements JavaDelegate {

	private final Orders orders;

	private final Notifications notifications;

	ApproveOrderDelegate(Orders orders, Notifications notifications) {
		this.orders = orders;
		this.notifications = notifications;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		orders.changeStatus(orderId, OrderStatus.APPROVED, "system:capture", "Payment authorized, order approved");
		notifications.notifyCustomer(orderId, CustomerMessage.ORDER_CONFIRMED, null);
	}

}
