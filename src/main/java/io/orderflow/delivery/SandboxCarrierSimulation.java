package io.orderflow.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Demo only: the sandbox carrier reports its parcels IN_TRANSIT and then DELIVERED after the configured
 * delays, through the same {@link CarrierEvents} as the REST endpoint. Event ids are derived from the
 * shipment, so two nodes simulating at once report each event once.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "orderflow.delivery.simulation", havingValue = "true")
class SandboxCarrierSimulation {

	private static final Logger log = LoggerFactory.getLogger(SandboxCarrierSimulation.class);

	private final Shipments shipments;

	private final CarrierEvents events;

	private final DeliveryProperties properties;

	private final Clock clock;

	SandboxCarrierSimulation(Shipments shipments, CarrierEvents events, DeliveryProperties properties, Clock clock) {
		this.shipments = shipments;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 2000, initialDelay = 5000)
	void advance() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (Shipment shipment : shipments.inStatusSince(ShipmentStatus.BOOKED, now.minus(properties.inTransitAfter()), 50)) {
			report(shipment, ShipmentStatus.IN_TRANSIT, "Parcel scanned at the hub");
		}
		for (Shipment shipment : shipments.inStatusSince(ShipmentStatus.IN_TRANSIT, now.minus(properties.deliveredAfter()),
				50)) {
			report(shipment, ShipmentStatus.DELIVERED, "Handed to the customer");
		}
	}

	private void report(Shipment shipment, ShipmentStatus status, String detail) {
		try {
			events.receive(shipment.id(), new CarrierEventRequest("sandbox-" + shipment.id() + "-" + status, status.name(),
					OffsetDateTime.now(clock), detail));
		}
		catch (RuntimeException e) {
			log.warn("Simulated carrier could not report {} for {}: {}", status, shipment.trackingNumber(), e.getMessage());
		}
	}

}
