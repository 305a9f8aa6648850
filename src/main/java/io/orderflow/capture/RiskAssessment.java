package io.orderflow.capture;

import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers the facts about an order that the risk policy looks at and asks the DMN table
 * {@code RiskReview} (bpmn/risk-review.dmn), which analysts edit, whether the order needs a review.
 */
@Service
public class RiskAssessment {

	/** The policy's answer. */
	public record Outcome(boolean reviewRequired, String reason) {
	}

	private final Orders orders;

	private final DecisionService decisions;

	RiskAssessment(Orders orders, DecisionService decisions) {
		this.orders = orders;
		this.decisions = decisions;
	}

	@Transactional
	public Outcome assess(UUID orderId) {
		Order order = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("No order " + orderId));
		boolean newCustomer = orders.firstOfItsCustomer(order);
		boolean countryMismatch = !order.shippingAddress().country().equals(order.billingAddress().country());
		Map<String, Object> facts = Map.of("orderTotal", order.totals().grandTotal().doubleValue(), "newCustomer",
				newCustomer, "countryMismatch", countryMismatch);
		DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(OrderProcess.LifecycleProcess.RISK_REVIEW_DECISION, facts)
			.getSingleResult();
		boolean review = Boolean.TRUE.equals(result.getEntry("reviewRequired"));
		String reason = result.getEntry("reason");
		orders.record(orderId, TimelineType.DECISION, "system:risk-policy",
				(review ? "Risk review required: " : "No risk review needed: ") + reason);
		return new Outcome(review, reason);
	}

}
