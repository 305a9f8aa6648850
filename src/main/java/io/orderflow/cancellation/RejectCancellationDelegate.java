package io.orderflow.cancellation;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_RejectCancellation}: a service agent refused the cancellation; nothing is canceled. */
@Component("rejectCancellation")
class RejectCancellationDelegate implements JavaDelegate {

	private final Cancellations cancellations;

	RejectCancellationDelegate(Cancellations cancellations) {
		this.cancellations = cancellations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		cancellations.reject(OrderProcess.id(execution, CancellationProcess.Variables.CANCELLATION_ID),
				OrderProcess.text(execution, Variables.DECISION_NOTE));
	}

}
