package io.orderflow.addresschange;

import java.util.UUID;

import io.orderflow.AddressChangeProcess;
import io.orderflow.addresschange.AddressChange.Outcome;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventCorrelator;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.events.EventSubjectNotFoundException;
import io.orderflow.platform.events.InboundEvent;
import io.orderflow.platform.events.InboundEvents;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A location's answer to a change of address (ACCEPTED or REFUSED, for one fulfillment order): validated, stored
 * by event id in the shared inbox (a repeat changes nothing), applied to the fulfillment order's ship-to, and —
 * once every location asked has answered — correlated to the {@code OrderAddressChange} process waiting for them
 * ({@link io.orderflow.platform.events.EventRedelivery} retries one that could not reach it yet).
 */
@Service
public class AddressChangeEvents implements EventCorrelator {

	static final String SOURCE = "ADDRESS_CHANGE";

	private final AddressChanges changes;

	private final InboundEvents inbox;

	private final RuntimeService runtime;

	AddressChangeEvents(AddressChanges changes, InboundEvents inbox, RuntimeService runtime) {
		this.changes = changes;
		this.inbox = inbox;
		this.runtime = runtime;
	}

	/**
	 * @throws EventSubjectNotFoundException when there is no such change (404)
	 * @throws io.orderflow.platform.web.InvalidRequestException when the change did not ask about the fulfillment order
	 * @throws io.orderflow.platform.web.StateConflictException when its answer is in already or the deadline passed
	 */
	@Transactional
	public EventReceipt receive(UUID changeId, AddressChangeEventRequest event) {
		changes.find(changeId).orElseThrow(() -> new EventSubjectNotFoundException("No address change " + changeId));
		if (!inbox.acceptOnce(event.eventId(), SOURCE, changeId, event.type(), event.fulfillmentOrderId().toString())) {
			if (!event.fulfillmentOrderId().toString().equals(inbox.find(event.eventId()).orElseThrow().payload())) {
				throw new EventConflictException("Event id " + event.eventId() + " was already used for another event");
			}
			return receipt(event, EventReceipt.Outcome.DUPLICATE, changeId);
		}
		if (changes.answer(changeId, event.fulfillmentOrderId(), "ACCEPTED".equals(event.type()), event.reason())) {
			inbox.deliver(event.eventId(), this);
		}
		else {
			inbox.markCorrelated(event.eventId());
		}
		return receipt(event, EventReceipt.Outcome.ACCEPTED, changeId);
	}

	private EventReceipt receipt(AddressChangeEventRequest event, EventReceipt.Outcome outcome, UUID changeId) {
		return new EventReceipt(event.eventId(), outcome, changeId, changes.require(changeId).status().name());
	}

	@Override
	public String source() {
		return SOURCE;
	}

	/** Wakes the process once every location asked has answered; true when nothing is left to wake. */
	@Override
	public boolean correlate(InboundEvent event) {
		AddressChange change = changes.require(event.subjectId());
		if (change.status() != AddressChangeStatus.AWAITING_LOCATIONS
				|| change.targets().stream().anyMatch(target -> target.outcome() == Outcome.ASKED)) {
			return true;
		}
		return !runtime.createMessageCorrelation(AddressChangeProcess.Messages.LOCATIONS_ANSWERED)
			.processInstanceId(change.processInstanceId())
			.correlateAllWithResult()
			.isEmpty();
	}

}
