package io.orderflow.capture;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RejectOrder}: the order ends REJECTED (declined payment or failed risk review); stock was never touched.
 * An agent's hold of it is released ("the order is rejected").
 */
@Component("rejectOrder")
class RejectOrderDelegate implements JavaDelegate {

	private final Orders orders;

	private final Notifications notifications;

	private final OrderHolds holds;

	RejectOrderDelegate(Orders orders, Notifications notifications, OrderHolds holds) {
		this.orders = orders;
		this.notifications = notifications;
		this.holds = holds;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		Object declined = execution.getVariable(LifecycleProcess.Variables.ERROR_MESSAGE);
		String reason = declined != null ? "Payment declined: " + declined
				: "Rejected in risk review" + note(execution.getVariable(Variables.DECISION_NOTE));
		orders.changeStatus(orderId, OrderStatus.REJECTED, "system:capture", reason);
		// an agent's hold of it has nothing left to stop
		holds.releaseIfHeld(orderId, "the order is rejected", "system");
		notifications.notifyCustomer(orderId, CustomerMessage.ORDER_REJECTED, null);
	}

	private static String note(Object note) {
		return note == null || note.toString().isBlank() ? "" : ": " + note;
	}

}
