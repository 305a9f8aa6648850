package io.orderflow.adjustment;

import java.util.UUID;

import io.orderflow.OrderProcess.AdjustmentProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.stereotype.Component;

/**
 * On completion of "Approve appeasement": refuses a completion by the user who requested the adjustment
 * (or by nobody known), so the task stays open for another supervisor; otherwise notes who decided in
 * {@code appeasementDecidedBy}. The exception rolls the completion back, in Tasklist, over engine-rest
 * (403) and in the Java API alike.
 */
@Component("fourEyesOnAppeasement")
class FourEyesOnAppeasement implements TaskListener {

	private final AdjustmentSteps steps;

	FourEyesOnAppeasement(AdjustmentSteps steps) {
		this.steps = steps;
	}

	@Override
	public void notify(DelegateTask task) {
		String user = user(task);
		steps.requireOtherThanRequester(UUID.fromString((String) task.getVariable(AdjustmentProcess.Variables.ADJUSTMENT_ID)), user);
		task.getExecution().setVariable(AdjustmentProcess.Variables.APPEASEMENT_DECIDED_BY, user);
	}

	private static String user(DelegateTask task) {
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current != null && current.getUserId() != null) {
			return current.getUserId();
		}
		return task.getAssignee();
	}

}
