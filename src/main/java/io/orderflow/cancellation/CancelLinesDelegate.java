package io.orderflow.cancellation;

import java.util.UUID;

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
		Object note = execution.getVariable(Variables.DECISION_NOTE);
		cancellations.carryOut(UUID.fromString((String) execution.getVariable(CancellationProcess.Variables.CANCELLATION_ID)),
				note == null ? null : note.toString());
	}

}
