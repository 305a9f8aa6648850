package io.orderflow.cancellation;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CancelLines}: cancels what has not shipped; says per line what was and was not canceled, and whether
 * nothing is left of an order still in Capture ({@code captureToStop}), whose Capture is then stopped.
 */
@Component("cancelLines")
class CancelLinesDelegate implements JavaDelegate {

	private final Cancellations cancellations;

	private final CaptureCancellations captureCancellations;

	CancelLinesDelegate(Cancellations cancellations, CaptureCancellations captureCancellations) {
		this.cancellations = cancellations;
		this.captureCancellations = captureCancellations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Cancellation done = cancellations.carryOut(
				OrderProcess.id(execution, CancellationProcess.Variables.CANCELLATION_ID),
				OrderProcess.text(execution, Variables.DECISION_NOTE));
		execution.setVariable(CancellationProcess.Variables.CAPTURE_TO_STOP,
				captureCancellations.captureToStop(done.orderId()));
	}

}
