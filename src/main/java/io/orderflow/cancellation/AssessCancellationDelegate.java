package io.orderflow.cancellation;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.CancellationProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_AssessCancellation}: asks the policy CancellationApproval whether a service agent must decide. */
@Component("assessCancellation")
class AssessCancellationDelegate implements JavaDelegate {

	private final Cancellations cancellations;

	AssessCancellationDelegate(Cancellations cancellations) {
		this.cancellations = cancellations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Cancellations.Assessment assessment = cancellations
			.assess(OrderProcess.id(execution, CancellationProcess.Variables.CANCELLATION_ID));
		execution.setVariable(CancellationProcess.Variables.CANCELLATION_AUTO_APPROVED, assessment.autoApproved());
		execution.setVariable(CancellationProcess.Variables.CANCELLATION_APPROVAL_REASON, assessment.reason());
		execution.setVariable(CancellationProcess.Variables.CANCELLATION_REQUEST, assessment.request());
	}

}
