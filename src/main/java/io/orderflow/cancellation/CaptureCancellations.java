package io.orderflow.cancellation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancellations of an order still in Capture: RECEIVED while its payment is being authorized (or keeps failing
 * to be), or ON_HOLD while a fraud analyst reviews it. Nothing of it is allocated, so every requested unit is
 * canceled at once. Some units: the order stays in Capture with the rest, and its authorization, made or still
 * to come, covers only what is left. All of them: the order ends CANCELED, and the cancellation stops its
 * lifecycle's Capture ({@code Message_OrderCanceledInCapture}), which closes an open risk review and calls off an
 * authorization that was not made or failed. Its authorization, if it had one, is voided by the cancellation's
 * "Reduce or void authorization".
 */
@Component
class CaptureCancellations {

	/** The statuses of an order whose lifecycle is in Capture. */
	static final Set<OrderStatus> IN_CAPTURE = EnumSet.of(OrderStatus.RECEIVED, OrderStatus.ON_HOLD);

	static final String ACTOR = "system:cancellation";

	private final Orders orders;

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final ManagementService management;

	CaptureCancellations(Orders orders, RuntimeService runtime, TaskService tasks, ManagementService management) {
		this.orders = orders;
		this.runtime = runtime;
		this.tasks = tasks;
		this.management = management;
	}

	static boolean inCapture(Order order) {
		return IN_CAPTURE.contains(order.status());
	}

	/**
	 * After the units of an order in Capture were canceled: with nothing left it is CANCELED; with something left
	 * it stays as it is (RECEIVED or ON_HOLD), not a status of fulfillment, as nothing is allocated yet.
	 */
	void settle(Order order, boolean nothingLeft, String actor) {
		if (nothingLeft) {
			orders.changeStatus(order.id(), OrderStatus.CANCELED, actor, "Canceled while "
					+ (order.status() == OrderStatus.ON_HOLD ? "on hold for a risk review" : "its payment was being authorized")
					+ ": nothing is left to charge or ship");
		}
	}

	/**
	 * Whether the cancellation left nothing of an order whose lifecycle is still in Capture: then its Capture is to
	 * be stopped ({@link #stop}). Read in the transaction that canceled the units, which holds the order's lock.
	 */
	@Transactional(readOnly = true)
	public boolean captureToStop(UUID orderId) {
		Order order = orders.find(orderId).orElseThrow();
		if (order.status() != OrderStatus.CANCELED || order.processInstanceId() == null) {
			return false;
		}
		ActivityInstance lifecycle = runtime.getActivityInstance(order.processInstanceId());
		return lifecycle != null && runs(lifecycle, LifecycleProcess.Elements.SUB_PROCESS_CAPTURE);
	}

	/**
	 * {@code ThrowEvent_OrderCanceledInCapture}: stops the order's Capture with {@code Message_OrderCanceledInCapture}
	 * and puts on the timeline what it was doing.
	 * @throws org.camunda.bpm.engine.MismatchingMessageCorrelationException when the lifecycle is not in Capture any
	 * more; nothing changes, the job is retried
	 */
	@Transactional
	public void stop(UUID orderId) {
		orders.lock(orderId);
		Order order = orders.find(orderId).orElseThrow();
		String lifecycle = order.processInstanceId();
		List<String> stopped = new ArrayList<>();
		if (tasks.createTaskQuery()
			.processInstanceId(lifecycle)
			.taskDefinitionKey(LifecycleProcess.Elements.USER_TASK_REVIEW_RISK)
			.count() > 0) {
			stopped.add("the open risk review of the fraud analysts is closed");
		}
		Job authorizing = management.createJobQuery()
			.processInstanceId(lifecycle)
			.activityId(LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT)
			.singleResult();
		if (authorizing != null) {
			stopped.add(authorizing.getExceptionMessage() == null ? "the payment authorization, not made yet, is called off"
					: "the payment authorization, which failed" + (authorizing.getRetries() == 0 ? " and stopped at an incident"
							: " and waited for its next retry") + ", is not tried again");
		}
		runtime.createMessageCorrelation(LifecycleProcess.Messages.ORDER_CANCELED_IN_CAPTURE)
			.processInstanceId(lifecycle)
			.correlateWithResult();
		orders.record(orderId, TimelineType.CANCELLATION, ACTOR, "Capture stopped: the order is canceled"
				+ (stopped.isEmpty() ? "" : "; " + String.join("; ", stopped)));
	}

	private static boolean runs(ActivityInstance instance, String activityId) {
		if (activityId.equals(instance.getActivityId())) {
			return true;
		}
		for (ActivityInstance child : instance.getChildActivityInstances()) {
			if (runs(child, activityId)) {
				return true;
			}
		}
		return false;
	}

}
