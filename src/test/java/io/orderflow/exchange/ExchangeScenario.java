package io.orderflow.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Jobs;

import org.springframework.beans.factory.annotation.Autowired;

/** What the exchange scenarios share: the exchange module's services, its returned units, its replacement. */
abstract class ExchangeScenario extends ServiceScenario {

	@Autowired
	Exchanges exchanges;

	@Autowired
	ExchangeEvents events;

	ExchangeScenario(String prefix, String label, String emailPrefix) {
		super(prefix, label, emailPrefix);
	}

	/** The exchanged units are back (RETURN_RECEIVED at the order's first location); the jobs run. */
	void received(Exchange exchange, String eventId) {
		events.receive(exchange.id(), new ExchangeEventRequest(eventId + "-" + exchange.id(), "RETURN_RECEIVED",
				exchange.lines().isEmpty() ? null : fulfillmentOrders.ofOrder(exchange.orderId()).get(0).locationId(),
				null));
		Jobs.runDue(engine);
	}

	/** The one fulfillment order that ships the exchange's replacement. */
	FulfillmentOrder replacementFulfillmentOrder(Exchange exchange) {
		List<FulfillmentOrder> fos = exchanges.fulfillmentOrders(exchanges.find(exchange.id()).orElseThrow());
		assertThat(fos).hasSize(1);
		return fulfillmentOrders.find(fos.get(0).id());
	}

}
