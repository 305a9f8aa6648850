package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.order.TaskDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_WriteOffParcel}: the agent decided REFUND on "Parcel not returned" (taken after the parcel's failure was
 * recorded): the parcel is given up as lost, the fulfillment order becomes UNDELIVERED and its units count as
 * returned, not back in stock; "Refund undelivered units" follows.
 */
@Component("writeOffParcel")
class WriteOffParcelDelegate implements JavaDelegate {

	private final ParcelReturns returns;

	private final DeliveryFailures failures;

	private final TaskDecisions decisions;

	WriteOffParcelDelegate(ParcelReturns returns, DeliveryFailures failures, TaskDecisions decisions) {
		this.returns = returns;
		this.failures = failures;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String decidedBy = Decided.onFailure(decisions, failures, execution, Decisions.REFUND,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_PARCEL_NOT_RETURNED).decidedBy();
		returns.writeOff(OrderProcess.fulfillmentOrderId(execution), decidedBy);
	}

}
