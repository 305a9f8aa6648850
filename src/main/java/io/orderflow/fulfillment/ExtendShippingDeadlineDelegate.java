package io.orderflow.fulfillment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.order.OrderDelays.Stage;
import io.orderflow.order.TaskDecisions;
import io.orderflow.order.TaskDecisions.TaskDecision;
import io.orderflow.platform.web.StateConflictException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ExtendShippingDeadline}: the agent keeps waiting for the location: its new deadline, as the engine
 * recorded the decision on "Resolve late fulfillment"; the process waits for it to pass.
 */
@Component("extendShippingDeadline")
class ExtendShippingDeadlineDelegate implements JavaDelegate {

	private final FulfillmentDeadlines deadlines;

	private final TaskDecisions decisions;

	ExtendShippingDeadlineDelegate(FulfillmentDeadlines deadlines, TaskDecisions decisions) {
		this.deadlines = deadlines;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		TaskDecision decision = decisions
			.latest(execution.getProcessInstanceId(), FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_FULFILLMENT)
			.filter(taken -> taken.is(Decisions.KEEP_WAITING))
			.orElseThrow(() -> new StateConflictException("No service agent decided to keep waiting"));
		deadlines.extend(OrderProcess.fulfillmentOrderId(execution), Stage.SHIPMENT,
				OrderProcess.text(execution, FulfillmentOrderProcess.Variables.NEW_DEADLINE), decision.decidedBy());
	}

}
