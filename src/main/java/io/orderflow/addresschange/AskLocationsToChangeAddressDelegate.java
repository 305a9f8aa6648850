package io.orderflow.addresschange;

import io.orderflow.AddressChangeProcess;
import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.springframework.stereotype.Component;

/**
 * {@code Task_AskLocationsToChangeAddress}: asks each location that has goods of the change to accept it, and
 * sets the deadline of their answers (the date of {@code Timer_AnswerDeadline}).
 */
@Component("askLocationsToChangeAddress")
class AskLocationsToChangeAddressDelegate implements JavaDelegate {

	private final AddressChanges changes;

	AskLocationsToChangeAddressDelegate(AddressChanges changes) {
		this.changes = changes;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(AddressChangeProcess.Variables.ADDRESS_CHANGE_DEADLINE, changes
			.askLocations(OrderProcess.id(execution, AddressChangeProcess.Variables.ADDRESS_CHANGE_ID))
			.toString());
	}

}
