package io.orderflow.cancellation;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code ThrowEvent_OrderCanceledInCapture}: the cancellation left nothing of an order still in Capture; its
 * lifecycle's Capture stops ({@code Message_OrderCanceledInCapture}).
 */
@Component("orderCanceledInCapture")
class OrderCanceledInCaptureDelegate implements JavaDelegate {

	private final CaptureCancellations captureCancellations;

	OrderCanceledInCaptureDelegate(CaptureCancellations captureCancellations) {
		this.captureCancellations = captureCancellations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		captureCancellations.stop(OrderProcess.id(execution, Variables.ORDER_ID));
	}

}
