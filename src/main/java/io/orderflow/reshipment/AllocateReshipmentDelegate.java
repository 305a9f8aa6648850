package io.orderflow.reshipment;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.OrderProcess.ReshipmentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_AllocateReshipment}: reserves stock for the units to send again; one fulfillment order per location. */
@Component("allocateReshipment")
class AllocateReshipmentDelegate implements JavaDelegate {

	private final Reshipments reshipments;

	AllocateReshipmentDelegate(Reshipments reshipments) {
		this.reshipments = reshipments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<UUID> created = reshipments
			.allocate(OrderProcess.id(execution, ReshipmentProcess.Variables.RESHIPMENT_ID));
		execution.setVariable(LifecycleProcess.Variables.FULFILLMENT_ORDER_IDS, OrderProcess.idList(created));
		execution.setVariable(ReshipmentProcess.Variables.RESHIPMENT_ALLOCATED, !created.isEmpty());
	}

}
