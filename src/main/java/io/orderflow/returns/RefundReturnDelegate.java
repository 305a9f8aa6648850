package io.orderflow.returns;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReturnProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RefundReturn}: credit memo for the received units less fees, refunded (key return:&lt;id&gt;). */
@Component("refundReturn")
class RefundReturnDelegate implements JavaDelegate {

	private final ReturnSteps steps;

	RefundReturnDelegate(ReturnSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID returnId = OrderProcess.id(execution, ReturnProcess.Variables.RETURN_ORDER_ID);
		steps.refund(returnId);
	}

}
