package io.orderflow.returns;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ExpireReturn}: the goods never came; the return is CLOSED and its units released. */
@Component("expireReturn")
class ExpireReturnDelegate implements JavaDelegate {

	private final ReturnSteps steps;

	ExpireReturnDelegate(ReturnSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID returnId = OrderProcess.id(execution, ReturnProcess.Variables.RETURN_ORDER_ID);
		steps.expire(returnId);
	}

}
