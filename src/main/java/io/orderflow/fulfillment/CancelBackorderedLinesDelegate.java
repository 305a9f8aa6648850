package io.orderflow.fulfillment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CancelBackorderedLines}: the agent decided to cancel what no location has. */
@Component("cancelBackorderedLines")
class CancelBackorderedLinesDelegate implements JavaDelegate {

	private final UnitCancellations cancellations;

	private final OrderProgress progress;

	CancelBackorderedLinesDelegate(UnitCancellations cancellations, OrderProgress progress) {
		this.cancellations = cancellations;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID orderId = OrderProcess.orderId(execution);
		cancellations.cancelUnallocated(orderId, "system:backorder");
		progress.refresh(orderId, "system:backorder");
	}

}
