package io.orderflow.returns;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ApproveReturn}: the units are spoken for (returnInitiated) and the goods awaited. */
@Component("approveReturn")
class ApproveReturnDelegate implements JavaDelegate {

	private final ReturnSteps steps;

	ApproveReturnDelegate(ReturnSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID returnId = OrderProcess.id(execution, ReturnProcess.Variables.RETURN_ORDER_ID);
		Object note = execution.getVariable(Variables.DECISION_NOTE);
		steps.approve(returnId, note == null ? null : note.toString());
	}

}
