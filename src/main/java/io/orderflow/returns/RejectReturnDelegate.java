package io.orderflow.returns;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RejectReturn}: not eligible, or refused by a service agent; the reason goes on the timeline. */
@Component("rejectReturn")
class RejectReturnDelegate implements JavaDelegate {

	private final ReturnSteps steps;

	RejectReturnDelegate(ReturnSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID returnId = OrderProcess.id(execution, ReturnProcess.Variables.RETURN_ORDER_ID);
		boolean eligible = Boolean.TRUE.equals(execution.getVariable(ReturnProcess.Variables.RETURN_ELIGIBLE));
		Object note = execution.getVariable(Variables.DECISION_NOTE);
		steps.reject(returnId, eligible ? "rejected by a service agent" + (note == null || note.toString().isBlank() ? ""
				: ": " + note) : "not eligible: " + execution.getVariable(ReturnProcess.Variables.RETURN_ELIGIBILITY_REASON));
	}

}
