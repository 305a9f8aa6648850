package io.orderflow.exchange;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ReserveReplacement}: the replacement's line allocated into fulfillment orders of the order. */
@Component("reserveReplacement")
class ReserveReplacementDelegate implements JavaDelegate {

	private final ExchangeSteps steps;

	ReserveReplacementDelegate(ExchangeSteps steps) {
		this.steps = steps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<UUID> created = steps.reserveReplacement(OrderProcess.id(execution, ExchangeProcess.Variables.EXCHANGE_ID));
		execution.setVariable(LifecycleProcess.Variables.FULFILLMENT_ORDER_IDS, OrderProcess.idList(created));
	}

}
