package io.orderflow.addresschange;

import io.orderflow.AddressChangeProcess;
import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_ApplyAddressChange}: changes what is not yet at a location; says whether locations are to be asked. */
@Component("applyAddressChange")
class ApplyAddressChangeDelegate implements JavaDelegate {

	private final AddressChanges changes;

	ApplyAddressChangeDelegate(AddressChanges changes) {
		this.changes = changes;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(AddressChangeProcess.Variables.ADDRESS_CHANGE_ASKED,
				changes.apply(OrderProcess.id(execution, AddressChangeProcess.Variables.ADDRESS_CHANGE_ID)));
	}

}
