package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.fulfillment.FulfillmentDeadlines;
import io.orderflow.order.OrderDelays.Stage;
import io.orderflow.order.TaskDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ExtendDeliveryDeadline}: the agent keeps waiting for the parcel: its new deadline, as the engine
 * recorded the decision on "Resolve late delivery"; the process waits for it to pass.
 */
@Component("extendDeliveryDeadline")
class ExtendDeliveryDeadlineDelegate implements JavaDelegate {

	private final FulfillmentDeadlines deadlines;

	private final TaskDecisions decisions;

	ExtendDeliveryDeadlineDelegate(FulfillmentDeadlines deadlines, TaskDecisions decisions) {
		this.deadlines = deadlines;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String decidedBy = Decided.by(decisions, execution, Decisions.KEEP_WAITING,
				FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_DELIVERY).decidedBy();
		deadlines.extend(OrderProcess.fulfillmentOrderId(execution), Stage.DELIVERY,
				OrderProcess.text(execution, FulfillmentOrderProcess.Variables.NEW_DEADLINE), decidedBy);
	}

}
