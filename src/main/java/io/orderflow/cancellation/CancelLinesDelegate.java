package io.orderflow.cancellation;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CancelLines}: cancels what has not shipped; says per line what was and was not canceled. */
@Component("cancelLines")
class CancelLinesDelegate implements JavaDelegate {

	private final Cancellations cancellations;

	CancelLinesDelegate(Cancellations cancellations) {
		this.cancellations = cancellations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		cancellations.carryOut(OrderProcess.id(execution, CancellationProcess.Variables.CANCELLATION_ID),
				OrderProcess.text(execution, Variables.DECISION_NOTE));
	}

}
