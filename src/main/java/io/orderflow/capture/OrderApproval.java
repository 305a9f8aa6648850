package io.orderflow.capture;

import java.util.UUID;

import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.order.Notifications;
import io.orderflow.order.Notifications.CustomerMessage;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.order.TaskDecisions;
import io.orderflow.payment.Authorizations;
import io.orderflow.payment.PaymentAuthorization;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirms an order, after checking the order's own record rather than the process variables that led here:
 * the order is still in capture (RECEIVED, or ON_HOLD for a risk review), its payment authorization is open,
 * and a held order was approved on "Review order risk" as the engine recorded that task's completion.
 */
@Service
class OrderApproval {

	private final Orders orders;

	private final Authorizations authorizations;

	private final TaskDecisions decisions;

	private final Notifications notifications;

	OrderApproval(Orders orders, Authorizations authorizations, TaskDecisions decisions, Notifications notifications) {
		this.orders = orders;
		this.authorizations = authorizations;
		this.decisions = decisions;
		this.notifications = notifications;
	}

	/**
	 * The order becomes APPROVED and the customer is told.
	 * @param processInstanceId the lifecycle asking: it must be the order's own
	 * @throws StateConflictException when the order's record does not allow it; nothing is changed
	 */
	@Transactional
	void approve(UUID orderId, String processInstanceId) {
		Order order = orders.find(orderId)
			.orElseThrow(() -> new StateConflictException("There is no order " + orderId + " to approve"));
		String refused = "Order " + order.orderNumber() + " is not approved: ";
		if (!processInstanceId.equals(order.processInstanceId())) {
			throw new StateConflictException(refused + "process instance " + processInstanceId
					+ " is not the order's lifecycle");
		}
		if (order.status() != OrderStatus.RECEIVED && order.status() != OrderStatus.ON_HOLD) {
			throw new StateConflictException(refused + "it is " + order.status() + ", not in capture");
		}
		if (authorizations.authorizations(orderId).stream().noneMatch(PaymentAuthorization::isOpen)) {
			throw new StateConflictException(refused + "its payment is not authorized");
		}
		if (order.status() == OrderStatus.ON_HOLD) {
			if (decisions.approval(processInstanceId, LifecycleProcess.Elements.USER_TASK_REVIEW_RISK).isEmpty()) {
				throw new StateConflictException(refused + "it is on hold and no fraud analyst approved it");
			}
		}
		orders.changeStatus(orderId, OrderStatus.APPROVED, "system:capture", "Payment authorized, order approved");
		notifications.notifyCustomer(orderId, CustomerMessage.ORDER_CONFIRMED, null);
	}

}
