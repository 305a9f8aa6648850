package io.orderflow.delivery;

import java.util.Map;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.fulfillment.FulfillmentDeadlines;
import io.orderflow.fulfillment.TaskCompletionRefused;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ResolveLateDelivery} completed: keeping waiting needs a new deadline in the future (at most a year
 * ahead); otherwise the completion is refused, the task stays open and the agent is told why.
 */
@Component("checkLateDeliveryDecision")
class CheckLateDeliveryDecision implements TaskListener {

	static final Map<String, String> LABELS = Map.of(FulfillmentOrderProcess.Variables.NEW_DEADLINE, "Wait until",
			FulfillmentOrderProcess.Variables.LATE_DELIVERY_DECISION, "Decision");

	private final FulfillmentDeadlines deadlines;

	CheckLateDeliveryDecision(FulfillmentDeadlines deadlines) {
		this.deadlines = deadlines;
	}

	@Override
	public void notify(DelegateTask task) {
		if (Decisions.KEEP_WAITING.equals(OrderProcess.text(task, FulfillmentOrderProcess.Variables.LATE_DELIVERY_DECISION))) {
			try {
				deadlines.newDeadline(OrderProcess.text(task, FulfillmentOrderProcess.Variables.NEW_DEADLINE));
			}
			catch (InvalidRequestException invalid) {
				throw TaskCompletionRefused.of("The parcel keeps its deadline", invalid, LABELS);
			}
		}
	}

}
