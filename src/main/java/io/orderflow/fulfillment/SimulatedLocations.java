package io.orderflow.fulfillment;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Demo only: every location picks, packs and ships its released fulfillment orders after a delay,
 * reporting through the same {@link LocationEvents} as the REST endpoint (and leaving the carrier
 * booking to Orderflow). Event ids derive from the fulfillment order, so two nodes report each event once.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "orderflow.fulfillment.simulation", havingValue = "true")
class SimulatedLocations {

	private static final Logger log = LoggerFactory.getLogger(SimulatedLocations.class);

	private final FulfillmentOrders fulfillmentOrders;

	private final LocationEvents events;

	private final Clock clock;

	private final Duration step;

	SimulatedLocations(FulfillmentOrders fulfillmentOrders, LocationEvents events, Clock clock,
			@Value("${orderflow.fulfillment.simulation-step:PT10S}") Duration step) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.events = events;
		this.clock = clock;
		this.step = step;
	}

	@Scheduled(fixedDelay = 2000, initialDelay = 5000)
	void advance() {
		OffsetDateTime before = OffsetDateTime.now(clock).minus(step);
		advance(FulfillmentOrderStatus.PACKED, "SHIPPED", before);
		advance(FulfillmentOrderStatus.PICKED, "PACKED", before);
		advance(FulfillmentOrderStatus.RELEASED, "PICKED", before);
	}

	private void advance(FulfillmentOrderStatus from, String event, OffsetDateTime before) {
		for (FulfillmentOrder fo : fulfillmentOrders.inStatusSince(from, before, 50)) {
			try {
				events.receive(fo.id(), new LocationEventRequest("simulated-" + fo.id() + "-" + event, event,
						OffsetDateTime.now(clock), null, null, null, null));
			}
			catch (RuntimeException e) {
				log.warn("Simulated location {} could not report {} for {}: {}", fo.locationId(), event, fo.number(),
						e.getMessage());
			}
		}
	}

}
