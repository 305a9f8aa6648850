package io.orderflow.addresschange;

import io.orderflow.AddressChangeProcess;
import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/** {@code Task_KeepOldAddress}: past the deadline, what no location answered for ships to the old address. */
@Component("keepOldAddress")
class KeepOldAddressDelegate implements JavaDelegate {

	private final AddressChanges changes;

	KeepOldAddressDelegate(AddressChanges changes) {
		this.changes = changes;
	}

	@Override
	public void execute(DelegateExecution execution) {
		changes.keepOldAddress(OrderProcess.id(execution, AddressChangeProcess.Variables.ADDRESS_CHANGE_ID));
	}

}
