package io.orderflow.service;

import java.util.UUID;

import io.orderflow.OrderProcess.Variables;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.stereotype.Component;

/**
 * {@code UserTask_InspectReturn} completed: records the condition of the received units. A finding that
 * cannot be read refuses the completion (the task stays open and Tasklist shows why).
 */
@Component("recordReturnInspection")
class RecordReturnInspection implements TaskListener {

	private final Returns returns;

	RecordReturnInspection(Returns returns) {
		this.returns = returns;
	}

	@Override
	public void notify(DelegateTask task) {
		Object damaged = task.getVariable(Variables.DAMAGED_UNITS);
		try {
			returns.recordInspection(UUID.fromString((String) task.getVariable(Variables.RETURN_ORDER_ID)),
					damaged == null ? null : damaged.toString());
		}
		catch (InvalidRequestException invalid) {
			throw new ProcessEngineException(invalid.violations()
				.stream()
				.map(v -> v.field() + ": " + v.message())
				.reduce((a, b) -> a + "; " + b)
				.orElse("invalid inspection"));
		}
	}

}
