package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.order.TaskDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_HoldUndeliveredUnits}: the agent decided REFUND: the parcel's units are held for the refund and the
 * customer is told; the carrier may have reported the parcel back already, then the refund follows at once.
 */
@Component("holdUndeliveredUnits")
class HoldUndeliveredUnitsDelegate implements JavaDelegate {

	private final DeliveryFailures failures;

	private final TaskDecisions decisions;

	HoldUndeliveredUnitsDelegate(DeliveryFailures failures, TaskDecisions decisions) {
		this.failures = failures;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String decidedBy = Decided.onFailure(decisions, failures, execution, Decisions.REFUND,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY).decidedBy();
		boolean back = failures.hold(OrderProcess.fulfillmentOrderId(execution), decidedBy);
		execution.setVariable(FulfillmentOrderProcess.Variables.PARCEL_RETURNED, back);
	}

}
