package io.orderflow.testsupport;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A process instance by id, running or ended: all camunda-bpm-assert needs to look it up (the
 * runtime API has no object for an ended instance).
 */
public record ProcessInstanceRef(String getId) implements ProcessInstance {

	/** The OrderLifecycle instance of an order, running or ended. */
	public static ProcessInstance lifecycleOf(ProcessEngine engine, String orderNumber) {
		return new ProcessInstanceRef(engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(orderNumber)
			.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
			.singleResult()
			.getId());
	}

	@Override
	public String getProcessDefinitionId() {
		return null;
	}

	@Override
	public String getProcessDefinitionKey() {
		return null;
	}

	@Override
	public String getBusinessKey() {
		return null;
	}

	@Override
	public String getRootProcessInstanceId() {
		return getId;
	}

	@Override
	public String getCaseInstanceId() {
		return null;
	}

	@Override
	public boolean isSuspended() {
		return false;
	}

	@Override
	public boolean isEnded() {
		return false;
	}

	@Override
	public String getProcessInstanceId() {
		return getId;
	}

	@Override
	public String getTenantId() {
		return null;
	}

}
