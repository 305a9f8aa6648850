package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.order.TaskDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RedeliverParcel}: the agent decided REDELIVER: the parcel is booked with the carrier again
 * ({@link Carrier}, key {@code redeliver:<failed shipment id>}), and the process waits for its delivery. An
 * unreachable carrier is retried, then becomes an incident.
 */
@Component("redeliverParcel")
class RedeliverParcelDelegate implements JavaDelegate {

	private final DeliveryFailures failures;

	private final TaskDecisions decisions;

	RedeliverParcelDelegate(DeliveryFailures failures, TaskDecisions decisions) {
		this.failures = failures;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String decidedBy = Decided.onFailure(decisions, failures, execution, Decisions.REDELIVER,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY).decidedBy();
		failures.redeliver(OrderProcess.fulfillmentOrderId(execution), decidedBy);
	}

}
