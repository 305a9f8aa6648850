package io.orderflow.payment;

import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.PaymentRefusalProcess;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A capture or refund the payment provider refused after it had received it: the ledger counts the money as moved,
 * and it did not move. Each refusal goes on the order's timeline and becomes a "Settle refused payment" task for a
 * supervisor ({@code bpmn/payment-refusal.bpmn}), whether the order's lifecycle still runs or ended long ago.
 */
@Service
public class PaymentRefusals {

	private static final Logger log = LoggerFactory.getLogger(PaymentRefusals.class);

	private final Orders orders;

	private final RuntimeService runtime;

	PaymentRefusals(Orders orders, RuntimeService runtime) {
		this.orders = orders;
		this.runtime = runtime;
	}

	/**
	 * Records the refusal and starts its task, in the caller's transaction; once per refusal id (a refusal told
	 * again finds its task and changes nothing).
	 * @param refusalId the provider's id of the refusal
	 * @param description what was refused, by how much and why, in words
	 * @return the id of the process instance of the task
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String refused(UUID orderId, String refusalId, String description) {
		Order order = orders.require(orderId);
		var earlier = runtime.createProcessInstanceQuery()
			.processDefinitionKey(PaymentRefusalProcess.KEY)
			.processInstanceBusinessKey(order.orderNumber())
			.variableValueEquals(PaymentRefusalProcess.Variables.PAYMENT_REFUSAL_ID, refusalId)
			.list();
		if (!earlier.isEmpty()) {
			return earlier.get(0).getId();
		}
		String message = description + " The money was not moved; a supervisor settles it (task \"Settle refused payment\").";
		orders.record(orderId, TimelineType.PAYMENT, "system:payment-provider", message);
		log.error("Order {}: {}", order.orderNumber(), message);
		return runtime.createProcessInstanceByKey(PaymentRefusalProcess.KEY)
			.businessKey(order.orderNumber())
			.setVariable(OrderProcess.Variables.ORDER_ID, orderId.toString())
			.setVariable(OrderProcess.Variables.ORDER_NUMBER, order.orderNumber())
			.setVariable(PaymentRefusalProcess.Variables.PAYMENT_REFUSAL_ID, refusalId)
			.setVariable(PaymentRefusalProcess.Variables.REFUSED_PAYMENT, description)
			.execute()
			.getId();
	}

}
