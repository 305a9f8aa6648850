package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.order.TaskDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ExtendReturnDeadline}: the agent keeps waiting for the parcel to come back: its new return deadline,
 * as the engine recorded the decision on "Parcel not returned"; the process waits for the parcel again.
 */
@Component("extendReturnDeadline")
class ExtendReturnDeadlineDelegate implements JavaDelegate {

	private final ParcelReturns returns;

	private final TaskDecisions decisions;

	ExtendReturnDeadlineDelegate(ParcelReturns returns, TaskDecisions decisions) {
		this.returns = returns;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String decidedBy = Decided.by(decisions, execution, Decisions.KEEP_WAITING,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_PARCEL_NOT_RETURNED).decidedBy();
		boolean back = returns.extend(OrderProcess.fulfillmentOrderId(execution),
				OrderProcess.text(execution, FulfillmentOrderProcess.Variables.NEW_DEADLINE), decidedBy);
		execution.setVariable(FulfillmentOrderProcess.Variables.PARCEL_RETURNED, back);
	}

}
