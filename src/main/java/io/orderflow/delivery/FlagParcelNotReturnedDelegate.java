package io.orderflow.delivery;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_FlagParcelNotReturned}: the parcel awaited back for a refund is not back by its deadline: the timeline
 * says so, and the agent's form of "Parcel not returned" what is known of it.
 */
@Component("flagParcelNotReturned")
class FlagParcelNotReturnedDelegate implements JavaDelegate {

	private final ParcelReturns returns;

	FlagParcelNotReturnedDelegate(ParcelReturns returns) {
		this.returns = returns;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(FulfillmentOrderProcess.Variables.PARCEL_NOT_RETURNED,
				returns.flagNotReturned(OrderProcess.fulfillmentOrderId(execution)));
	}

}
