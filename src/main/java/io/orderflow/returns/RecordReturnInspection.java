package io.orderflow.returns;

import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.FormRefusedException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.stereotype.Component;

/**
 * {@code UserTask_InspectReturn} completed: records the condition of the received units, on the order's timeline
 * under the inspector's user id. A finding that cannot be read, or more damaged units than arrived, refuses the
 * completion: the task stays open, Tasklist shows why by the form's label, {@code /engine-rest} answers 400.
 */
@Component("recordReturnInspection")
class RecordReturnInspection implements TaskListener {

	private final ReturnSteps steps;

	RecordReturnInspection(ReturnSteps steps) {
		this.steps = steps;
	}

	@Override
	public void notify(DelegateTask task) {
		Object damaged = task.getVariable(ReturnProcess.Variables.DAMAGED_UNITS);
		try {
			steps.recordInspection(UUID.fromString((String) task.getVariable(ReturnProcess.Variables.RETURN_ORDER_ID)),
					damaged == null ? null : damaged.toString(), inspector(task));
		}
		catch (InvalidRequestException invalid) {
			throw FormRefusedException
				.onCompletion("The inspection was not recorded", invalid.violations(),
						Map.of(ReturnProcess.Variables.DAMAGED_UNITS, "Damaged units per line"))
				.asBadUserRequest();
		}
	}

	/** Who completed the task (the engine's current user, else the assignee). */
	private static String inspector(DelegateTask task) {
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current != null && current.getUserId() != null) {
			return current.getUserId();
		}
		return task.getAssignee();
	}

}
