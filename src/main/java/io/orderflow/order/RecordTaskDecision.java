package io.orderflow.order;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.PaymentRefusalProcess;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.stereotype.Component;

/**
 * Records a person's decision on a user task on the order's timeline when the task is completed: the
 * decision, the note and the user id of whoever completed it. A decision task completed without one of the
 * decisions its form offers (possible over engine-rest, where no form checks it) is refused. The decision and
 * who took it are also kept in {@link TaskDecisions}, where the service tasks that act on it look it up.
 */
@Component("recordTaskDecision")
class RecordTaskDecision implements TaskListener {

	/** A decision task: the variable its form sets and the values the form offers. */
	record Decision(String variable, Set<String> values) {
	}

	/** Each decision task by its task definition key. */
	static final Map<String, Decision> DECISIONS = Map.of(LifecycleProcess.Elements.USER_TASK_REVIEW_RISK,
			new Decision(LifecycleProcess.Variables.RISK_DECISION, Set.of("APPROVE", "REJECT")), LifecycleProcess.Elements.USER_TASK_RESOLVE_BACKORDER,
			new Decision(LifecycleProcess.Variables.BACKORDER_DECISION, Set.of("KEEP_WAITING", "CANCEL")),
			CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION, new Decision(CancellationProcess.Variables.CANCELLATION_DECISION, Set.of("APPROVE", "REJECT")),
			ReturnProcess.Elements.USER_TASK_REVIEW_RETURN, new Decision(ReturnProcess.Variables.RETURN_DECISION, Set.of("APPROVE", "REJECT")),
			AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT,
			new Decision(AdjustmentProcess.Variables.APPEASEMENT_DECISION, Set.of("APPROVE", "REJECT")),
			FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY,
			new Decision(FulfillmentOrderProcess.Variables.FAILED_DELIVERY_DECISION,
					Set.of(Decisions.REDELIVER, Decisions.RESHIP, Decisions.REFUND)),
			FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_FULFILLMENT,
			new Decision(FulfillmentOrderProcess.Variables.LATE_FULFILLMENT_DECISION,
					Set.of(Decisions.KEEP_WAITING, Decisions.REROUTE)),
			FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_DELIVERY,
			new Decision(FulfillmentOrderProcess.Variables.LATE_DELIVERY_DECISION,
					Set.of(Decisions.KEEP_WAITING, Decisions.RESHIP)),
			FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_PARCEL_NOT_RETURNED,
			new Decision(FulfillmentOrderProcess.Variables.PARCEL_NOT_RETURNED_DECISION,
					Set.of(Decisions.REFUND, Decisions.KEEP_WAITING)),
			PaymentRefusalProcess.Elements.USER_TASK_SETTLE_REFUSED_PAYMENT,
			new Decision(PaymentRefusalProcess.Variables.REFUSAL_DECISION,
					Set.of(PaymentRefusalProcess.Decisions.SETTLED, PaymentRefusalProcess.Decisions.WRITTEN_OFF)));

	private final Orders orders;

	private final TaskDecisions decisions;

	RecordTaskDecision(Orders orders, TaskDecisions decisions) {
		this.orders = orders;
		this.decisions = decisions;
	}

	/**
	 * @throws InvalidRequestException naming the decision variable when a decision task is completed without one
	 * of the values its form offers (over engine-rest a 400): the completion is rolled back, the task stays open
	 */
	@Override
	public void notify(DelegateTask task) {
		UUID orderId = OrderProcess.orderId(task);
		Decision expected = DECISIONS.get(task.getTaskDefinitionKey());
		String decision = null;
		if (expected != null) {
			Object value = task.getVariable(expected.variable());
			decision = value == null ? null : value.toString();
			if (decision == null || !expected.values().contains(decision)) {
				throw new InvalidRequestException(expected.variable(), (decision == null ? "is required" : "\"" + decision
						+ "\" is not a decision") + ": one of " + String.join(", ", new TreeSet<>(expected.values())));
			}
		}
		Object note = task.getVariable(Variables.DECISION_NOTE);
		String user = user(task);
		decisions.record(task.getId(), task.getProcessInstanceId(), task.getTaskDefinitionKey(), orderId, decision,
				user);
		orders.record(orderId, TimelineType.DECISION, user,
				"\"" + task.getName() + "\": " + (decision == null ? "completed" : decision)
						+ (note == null || note.toString().isBlank() ? "" : " (" + note + ")"));
	}

	private static String user(DelegateTask task) {
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current != null && current.getUserId() != null) {
			return current.getUserId();
		}
		return task.getAssignee() != null ? task.getAssignee() : "unknown";
	}

}
