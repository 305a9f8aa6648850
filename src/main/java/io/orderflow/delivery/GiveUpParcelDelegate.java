package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.order.TaskDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_GiveUpParcel}: the agent decided to send the units again, after a failed delivery or for a parcel late
 * beyond hope: the fulfillment order becomes UNDELIVERED and the customer is told; "Reship undelivered units" follows.
 */
@Component("giveUpParcel")
class GiveUpParcelDelegate implements JavaDelegate {

	private final DeliveryFailures failures;

	private final TaskDecisions decisions;

	GiveUpParcelDelegate(DeliveryFailures failures, TaskDecisions decisions) {
		this.failures = failures;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String decidedBy = Decided.onFailure(decisions, failures, execution, Decisions.RESHIP,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_DELIVERY).decidedBy();
		failures.giveUp(OrderProcess.fulfillmentOrderId(execution), decidedBy);
	}

}
