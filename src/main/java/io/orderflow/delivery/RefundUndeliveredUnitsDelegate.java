package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.order.TaskDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RefundUndeliveredUnits}: the parcel is back at the sender: its units count as returned, and what they
 * were paid is credited and refunded (credit memo source {@code undelivered:<fulfillmentOrderId>}: a retried job
 * refunds nothing twice). A provider that cannot be reached is retried, then the job becomes an incident.
 */
@Component("refundUndeliveredUnits")
class RefundUndeliveredUnitsDelegate implements JavaDelegate {

	private final DeliveryFailures failures;

	private final TaskDecisions decisions;

	RefundUndeliveredUnitsDelegate(DeliveryFailures failures, TaskDecisions decisions) {
		this.failures = failures;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Decided.onFailure(decisions, failures, execution, Decisions.REFUND,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY);
		failures.refund(OrderProcess.fulfillmentOrderId(execution));
	}

}
