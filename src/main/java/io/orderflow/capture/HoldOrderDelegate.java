package io.orderflow.capture;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_HoldOrder}: the order waits ON_HOLD for a fraud analyst. */
@Component("holdOrder")
class HoldOrderDelegate implements JavaDelegate {

	private final Orders orders;

	HoldOrderDelegate(Orders orders) {
		this.orders = orders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		orders.changeStatus(OrderProcess.orderId(execution), OrderStatus.ON_HOLD,
				"system:risk-policy", "On hold for risk review: " + execution.getVariable(LifecycleProcess.Variables.RISK_REASON));
	}

}
