package io.orderflow.order;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.stereotype.Component;

/**
 * Records a person's decision on a user task on the order's timeline when the task is completed: the
 * decision, the note and the user id of whoever completed it.
 */
@Component("recordTaskDecision")
class RecordTaskDecision implements TaskListener {

	private static final String[] DECISIONS = { Variables.RISK_DECISION, Variables.BACKORDER_DECISION,
			Variables.CANCELLATION_DECISION,
			Variables.RETURN_DECISION,
			Variables.APPEASEMENT_DECISION };

	private final Orders orders;

	RecordTaskDecision(Orders orders) {
		this.orders = orders;
	}

	@Override
	public void notify(DelegateTask task) {
		UUID orderId = OrderProcess.orderId(task);
		String decision = null;
		for (String name : DECISIONS) {
			if (task.getVariable(name) != null) {
				decision = String.valueOf(task.getVariable(name));
			}
		}
		Object note = task.getVariable(Variables.DECISION_NOTE);
		orders.record(orderId, TimelineType.DECISION, user(task),
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
