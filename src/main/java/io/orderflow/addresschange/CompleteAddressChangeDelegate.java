package io.orderflow.addresschange;

import io.orderflow.AddressChangeProcess;
import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_CompleteAddressChange}: APPLIED, PARTIALLY_APPLIED or REFUSED, per fulfillment order. */
@Component("completeAddressChange")
class CompleteAddressChangeDelegate implements JavaDelegate {

	private final AddressChanges changes;

	CompleteAddressChangeDelegate(AddressChanges changes) {
		this.changes = changes;
	}

	@Override
	public void execute(DelegateExecution execution) {
		changes.complete(OrderProcess.id(execution, AddressChangeProcess.Variables.ADDRESS_CHANGE_ID));
	}

}
