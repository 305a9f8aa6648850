package io.orderflow.fulfillment;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.order.OrderDelays.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_FlagFulfillmentLate}: the location did not ship by its limit: the fulfillment order is late (order,
 * fulfillment order, timeline, {@code fulfillment_order.late}), and the agent's form says why.
 */
@Component("flagFulfillmentLate")
class FlagFulfillmentLateDelegate implements JavaDelegate {

	private final FulfillmentDeadlines deadlines;

	FlagFulfillmentLateDelegate(FulfillmentDeadlines deadlines) {
		this.deadlines = deadlines;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String lateness = deadlines.flagLate(OrderProcess.fulfillmentOrderId(execution), Stage.SHIPMENT);
		execution.setVariable(FulfillmentOrderProcess.Variables.LATENESS, lateness);
	}

}
