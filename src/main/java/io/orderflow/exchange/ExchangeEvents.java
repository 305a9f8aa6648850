package io.orderflow.exchange;

import java.util.List;
import java.util.UUID;

import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.inventory.Catalog;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventCorrelator;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.events.EventSubjectNotFoundException;
import io.orderflow.platform.events.InboundEvent;
import io.orderflow.platform.events.InboundEvents;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RETURN_RECEIVED on an exchange: validated, stored by event id in the shared inbox (a repeat changes nothing),
 * applied (returned units back on their lines and restocked) and correlated to its {@code OrderExchange} process:
 * every wait for it there (the returned units, and the replacement when the policy reserves it on receipt).
 */
@Service
public class ExchangeEvents implements EventCorrelator {

	static final String SOURCE = "EXCHANGE";

	private final Exchanges exchanges;

	private final ExchangeSteps steps;

	private final Catalog catalog;

	private final InboundEvents inbox;

	private final RuntimeService runtime;

	ExchangeEvents(Exchanges exchanges, ExchangeSteps steps, Catalog catalog, InboundEvents inbox,
			RuntimeService runtime) {
		this.exchanges = exchanges;
		this.steps = steps;
		this.catalog = catalog;
		this.inbox = inbox;
		this.runtime = runtime;
	}

	@Transactional
	public EventReceipt receive(UUID exchangeId, ExchangeEventRequest event) {
		Exchange exchange = exchanges.find(exchangeId)
			.orElseThrow(() -> new EventSubjectNotFoundException("No exchange " + exchangeId));
		if (!inbox.acceptOnce(event.eventId(), SOURCE, exchangeId, event.type(), null)) {
			return new EventReceipt(event.eventId(), EventReceipt.Outcome.DUPLICATE, exchangeId,
					exchanges.find(exchangeId).orElseThrow().status().name());
		}
		if (catalog.location(event.locationId()).isEmpty()) {
			throw new InvalidRequestException(
					List.of(new FieldViolation("locationId", "no location " + event.locationId())));
		}
		if (!steps.markReceived(exchangeId, event.locationId())) {
			throw new EventConflictException("Exchange " + exchangeId + " is " + exchange.status()
					+ (exchange.status() == ExchangeStatus.REQUESTED ? ": it is not approved yet"
							: exchange.status() == ExchangeStatus.EXPIRED
									? ": its units were not back by the deadline, it takes no goods any more"
									: ": it takes no more goods"));
		}
		inbox.deliver(event.eventId(), this);
		return new EventReceipt(event.eventId(), EventReceipt.Outcome.ACCEPTED, exchangeId,
				exchanges.find(exchangeId).orElseThrow().status().name());
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public boolean correlate(InboundEvent event) {
		Exchange exchange = exchanges.find(event.subjectId()).orElseThrow();
		return !runtime.createMessageCorrelation(ExchangeProcess.Messages.RETURNED_UNITS_RECEIVED)
			.processInstanceBusinessKey(exchange.orderNumber())
			.processInstanceVariableEquals(ExchangeProcess.Variables.EXCHANGE_ID, exchange.id().toString())
			.correlateAllWithResult()
			.isEmpty();
	}

}
