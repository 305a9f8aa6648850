package io.orderflow.cancellation;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.fulfillment.HeldOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CancelLines}: cancels what has not shipped; says per line what was and was not canceled, and whether
 * nothing is left of an order still in Capture ({@code captureToStop}), whose Capture is then stopped. An agent's
 * hold of an order it left nothing of is released.
 */
@Component("cancelLines")
class CancelLinesDelegate implements JavaDelegate {

	private final Cancellations cancellations;

	private final CaptureCancellations captureCancellations;

	private final HeldOrders heldOrders;

	CancelLinesDelegate(Cancellations cancellations, CaptureCancellations captureCancellations,
			HeldOrders heldOrders) {
		this.cancellations = cancellations;
		this.captureCancellations = captureCancellations;
		this.heldOrders = heldOrders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Cancellation done = cancellations.carryOut(
				OrderProcess.id(execution, CancellationProcess.Variables.CANCELLATION_ID),
				OrderProcess.text(execution, Variables.DECISION_NOTE));
		// an agent's hold of an order the cancellation left nothing of has nothing more to stop
		heldOrders.releaseWhenNothingIsLeft(done.orderId(), CaptureCancellations.ACTOR);
		execution.setVariable(CancellationProcess.Variables.CAPTURE_TO_STOP,
				captureCancellations.captureToStop(done.orderId()));
	}

}
