package io.orderflow.fulfillment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckOrderHold}: before an allocation round, whether an agent holds the order ({@code orderHeld}); a
 * held order waits at "Released from hold" instead of allocating.
 */
@Component("checkOrderHold")
class CheckOrderHoldDelegate implements JavaDelegate {

	private final HeldOrders heldOrders;

	CheckOrderHoldDelegate(HeldOrders heldOrders) {
		this.heldOrders = heldOrders;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(LifecycleProcess.Variables.ORDER_HELD,
				heldOrders.heldBeforeAllocation(OrderProcess.orderId(execution)));
	}

}
