package io.orderflow.delivery;

import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess.Decisions;
import io.orderflow.fulfillment.TaskCompletionRefused;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ResolveFailedDelivery} completed: a decision the parcel's state does not allow is refused, the task
 * stays open and the agent is told why (over {@code /engine-rest} a 400 naming {@code failedDeliveryDecision}): a
 * parcel back at the sender is not delivered again, and a refund may not exceed what the order's captures leave to
 * refund. (A reshipment is checked by its own registration, in the same completion.)
 */
@Component("checkFailedDeliveryDecision")
class CheckFailedDeliveryDecision implements TaskListener {

	static final Map<String, String> LABELS = Map.of(FulfillmentOrderProcess.Variables.FAILED_DELIVERY_DECISION,
			"Decision");

	private final Shipments shipments;

	private final DeliveryFailures failures;

	CheckFailedDeliveryDecision(Shipments shipments, DeliveryFailures failures) {
		this.shipments = shipments;
		this.failures = failures;
	}

	@Override
	public void notify(DelegateTask task) {
		String decision = OrderProcess.text(task, FulfillmentOrderProcess.Variables.FAILED_DELIVERY_DECISION);
		UUID id = OrderProcess.fulfillmentOrderId(task);
		String refusal = null;
		if (Decisions.REDELIVER.equals(decision) && shipments.ofFulfillmentOrder(id)
			.filter(shipment -> shipment.status() == ShipmentStatus.RETURNED_TO_SENDER)
			.isPresent()) {
			refusal = "the parcel is back at the sender and cannot be delivered again: reship or refund its units";
		}
		if (Decisions.REFUND.equals(decision)) {
			DeliveryFailures.RefundCheck check = failures.refundCheck(id);
			if (!check.possible()) {
				refusal = "its units are worth " + check.value().toPlainString() + " " + check.currency()
						+ ", more than the " + check.refundable().toPlainString() + " " + check.currency()
						+ " left to refund: reship them instead";
			}
		}
		if (refusal != null) {
			throw TaskCompletionRefused.of("The failed delivery was not resolved",
					new InvalidRequestException(FulfillmentOrderProcess.Variables.FAILED_DELIVERY_DECISION, refusal),
					LABELS);
		}
	}

}
