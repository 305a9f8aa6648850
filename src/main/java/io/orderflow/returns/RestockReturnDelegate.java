package io.orderflow.returns;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RestockReturn}: resellable units back into stock at the receiving location. */
@Component("restockReturn")
class RestockReturnDelegate implements JavaDelegate {

	private final ReturnSteps steps;

	RestockReturnDelegate(ReturnSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID returnId = OrderProcess.id(execution, ReturnProcess.Variables.RETURN_ORDER_ID);
		steps.restock(returnId);
	}

}
