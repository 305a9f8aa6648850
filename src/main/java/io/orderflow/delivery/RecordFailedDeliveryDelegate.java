package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordFailedDelivery}: the carrier could not deliver the parcel: the failure is recorded with its
 * reason, the customer told, and the agent's form gets the failure in words.
 */
@Component("recordFailedDelivery")
class RecordFailedDeliveryDelegate implements JavaDelegate {

	private final DeliveryFailures failures;

	RecordFailedDeliveryDelegate(DeliveryFailures failures) {
		this.failures = failures;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String failure = failures.record(OrderProcess.fulfillmentOrderId(execution));
		execution.setVariable(FulfillmentOrderProcess.Variables.DELIVERY_FAILURE, failure);
	}

}
