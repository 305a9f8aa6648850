package io.orderflow.capture;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_AssessRisk}: asks the risk policy whether a fraud analyst must look at the order. */
@Component("assessRisk")
class AssessRiskDelegate implements JavaDelegate {

	private final RiskAssessment risk;

	AssessRiskDelegate(RiskAssessment risk) {
		this.risk = risk;
	}

	@Override
	public void execute(DelegateExecution execution) {
		RiskAssessment.Outcome outcome = risk.assess(OrderProcess.orderId(execution));
		execution.setVariable(LifecycleProcess.Variables.RISK_REVIEW_REQUIRED, outcome.reviewRequired());
		if (outcome.reviewRequired()) {
			// for the analyst's form and the hold; an order that needs no review carries no reason
			execution.setVariable(LifecycleProcess.Variables.RISK_REASON, outcome.reason());
		}
	}

}
