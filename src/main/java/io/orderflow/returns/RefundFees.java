package io.orderflow.returns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import io.orderflow.OrderProcess;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;

import org.springframework.stereotype.Component;

/**
 * The fee a refund keeps back for returned units, as {@code bpmn/refund-fee.dmn} (RefundFee) sets it by their
 * condition and the reason of the return: the refund of a return and the preview of it on its review use this.
 */
@Component
class RefundFees {

	/** The units' conditions the policy knows. */
	static final String RESELLABLE = "RESELLABLE";

	static final String DAMAGED = "DAMAGED";

	/** A share of the units' value kept back, and why. */
	record Fee(BigDecimal rate, String reason) {

		/** The fee on units worth {@code value}: the rate times it, rounded half-up to its scale. */
		BigDecimal of(BigDecimal value) {
			return value.multiply(rate).setScale(value.scale(), RoundingMode.HALF_UP);
		}

	}

	private final DecisionService decisions;

	RefundFees(DecisionService decisions) {
		this.decisions = decisions;
	}

	/** The fee for units returned in {@code condition} ({@value #RESELLABLE} or {@value #DAMAGED}) for {@code reason}. */
	Fee of(String condition, ReturnReason reason) {
		DmnDecisionRuleResult result = decisions
			.evaluateDecisionTableByKey(OrderProcess.ReturnProcess.REFUND_FEE_DECISION,
					Map.of("condition", condition, "reason", reason.name()))
			.getSingleResult();
		return new Fee(BigDecimal.valueOf(((Number) result.getEntry("feeRate")).doubleValue()), result.getEntry("reason"));
	}

}
