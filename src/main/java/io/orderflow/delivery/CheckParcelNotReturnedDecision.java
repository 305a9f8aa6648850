package io.orderflow.delivery;

import java.util.Map;
import java.util.UUID;

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
 * {@code UserTask_ResolveParcelNotReturned} completed: keeping waiting needs a new deadline in the future (at most a
 * year ahead), and a refund may not exceed what the order's captures leave to refund; otherwise the completion is
 * refused, the task stays open and the agent is told why (over {@code /engine-rest} a 400 naming the field).
 */
@Component("checkParcelNotReturnedDecision")
class CheckParcelNotReturnedDecision implements TaskListener {

	static final Map<String, String> LABELS = Map.of(FulfillmentOrderProcess.Variables.NEW_DEADLINE, "Wait until",
			FulfillmentOrderProcess.Variables.PARCEL_NOT_RETURNED_DECISION, "Decision");

	private final FulfillmentDeadlines deadlines;

	private final DeliveryFailures failures;

	CheckParcelNotReturnedDecision(FulfillmentDeadlines deadlines, DeliveryFailures failures) {
		this.deadlines = deadlines;
		this.failures = failures;
	}

	@Override
	public void notify(DelegateTask task) {
		String decision = OrderProcess.text(task, FulfillmentOrderProcess.Variables.PARCEL_NOT_RETURNED_DECISION);
		try {
			if (Decisions.KEEP_WAITING.equals(decision)) {
				deadlines.newDeadline(OrderProcess.text(task, FulfillmentOrderProcess.Variables.NEW_DEADLINE));
			}
			if (Decisions.REFUND.equals(decision)) {
				UUID id = OrderProcess.fulfillmentOrderId(task);
				DeliveryFailures.RefundCheck check = failures.refundCheck(id);
				if (!check.possible()) {
					throw new InvalidRequestException(FulfillmentOrderProcess.Variables.PARCEL_NOT_RETURNED_DECISION,
							"its units are worth " + check.value().toPlainString() + " " + check.currency()
									+ ", more than the " + check.refundable().toPlainString() + " " + check.currency()
									+ " left to refund");
				}
			}
		}
		catch (InvalidRequestException invalid) {
			throw TaskCompletionRefused.of("The parcel not returned was not resolved", invalid, LABELS);
		}
	}

}
