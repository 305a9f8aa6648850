package io.orderflow.reshipment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ReshipmentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CompleteReshipment}: says per line what was sent again and what was not. */
@Component("completeReshipment")
class CompleteReshipmentDelegate implements JavaDelegate {

	private final Reshipments reshipments;

	CompleteReshipmentDelegate(Reshipments reshipments) {
		this.reshipments = reshipments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		reshipments.complete(OrderProcess.id(execution, ReshipmentProcess.Variables.RESHIPMENT_ID));
	}

}
