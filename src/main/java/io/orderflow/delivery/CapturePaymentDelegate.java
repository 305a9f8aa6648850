package io.orderflow.delivery;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.payment.Captures;
import io.orderflow.payment.InvoiceLine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CapturePayment}: one invoice for exactly what this fulfillment order shipped, captured
 * with the idempotency key {@code capture:<fulfillmentOrderId>}: a retried job never captures twice.
 */
@Component("capturePayment")
class CapturePaymentDelegate implements JavaDelegate {

	private final FulfillmentOrders fulfillmentOrders;

	private final Captures captures;

	CapturePaymentDelegate(FulfillmentOrders fulfillmentOrders, Captures captures) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.captures = captures;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID id = OrderProcess.fulfillmentOrderId(execution);
		FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
		if (fulfillmentOrder.reshipment()) {
			// free of charge; the model routes these past this task (Gateway_Chargeable), this is a safety net
			return;
		}
		captures.captureFulfillmentOrder(fulfillmentOrder.orderId(), id, fulfillmentOrder.number(),
				fulfillmentOrder.lines().stream().map(line -> new InvoiceLine(line.lineNumber(), line.quantity())).toList());
	}

}
