package io.orderflow.capture;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ApproveOrder}: payment authorized and no objection: the order is APPROVED and confirmed, once
 * its own record shows both ({@link OrderApproval}).
 */
@Component("approveOrder")
class ApproveOrderDelegate implements JavaDelegate {

	private final OrderApproval approval;

	ApproveOrderDelegate(OrderApproval approval) {
		this.approval = approval;
	}

	@Override
	public void execute(DelegateExecution execution) {
		approval.approve(OrderProcess.orderId(execution), execution.getProcessInstanceId());
	}

}
