package io.orderflow.fulfillment;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.OrderEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Demo only: the locations as a warehouse system would run them. They learn their work from the events, as any
 * reader of the feed does ({@code fulfillment_order.released}, and {@code .canceled} or {@code .rejected} to
 * drop it), and pick, pack and ship each fulfillment order one step after the other, reporting through the same
 * {@link LocationEvents} as the REST endpoint (and leaving the carrier booking to Orderflow). Event ids derive
 * from the fulfillment order, so a report made twice (after a restart reads the feed again, or by two nodes)
 * counts once.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "orderflow.fulfillment.simulation", havingValue = "true")
class SimulatedLocations {

	private static final Logger log = LoggerFactory.getLogger(SimulatedLocations.class);

	private static final Set<EventType> WORK = Set.of(EventType.FULFILLMENT_ORDER_RELEASED,
			EventType.FULFILLMENT_ORDER_CANCELED, EventType.FULFILLMENT_ORDER_REJECTED);

	private static final List<String> STEPS = List.of("PICKED", "PACKED", "SHIPPED");

	/** A fulfillment order a location works on: when it was released, and the steps it reported. */
	private record Work(UUID fulfillmentOrderId, String locationId, OffsetDateTime releasedAt, int reported) {
	}

	private final OrderEvents events;

	private final LocationEvents reports;

	private final Clock clock;

	private final Duration step;

	private final Map<UUID, Work> work = new ConcurrentHashMap<>();

	/** Where the locations stand in the feed. */
	private long position;

	SimulatedLocations(OrderEvents events, LocationEvents reports, Clock clock,
			@Value("${orderflow.fulfillment.simulation-step:PT10S}") Duration step) {
		this.events = events;
		this.reports = reports;
		this.clock = clock;
		this.step = step;
	}

	@Scheduled(fixedDelay = 2000, initialDelay = 5000)
	synchronized void advance() {
		List<OrderEvent> page;
		do {
			page = events.after(position, WORK, null, 500);
			for (OrderEvent event : page) {
				UUID id = UUID.fromString(event.data().path("fulfillmentOrderId").asText());
				if (event.type().equals(EventType.FULFILLMENT_ORDER_RELEASED.wireName())) {
					work.putIfAbsent(id, new Work(id, event.data().path("locationId").asText(), event.occurredAt(), 0));
				}
				else {
					work.remove(id);
				}
				position = Long.parseLong(event.position());
			}
		}
		while (!page.isEmpty());
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (Work fo : List.copyOf(work.values())) {
			int due = (int) Math.min(STEPS.size(), Duration.between(fo.releasedAt(), now).dividedBy(step));
			int reported = fo.reported();
			while (reported < due && report(fo, STEPS.get(reported), now)) {
				reported++;
			}
			if (reported == STEPS.size()) {
				work.remove(fo.fulfillmentOrderId());
			}
			else {
				work.put(fo.fulfillmentOrderId(), new Work(fo.fulfillmentOrderId(), fo.locationId(), fo.releasedAt(),
						reported));
			}
		}
	}

	private boolean report(Work fo, String event, OffsetDateTime now) {
		try {
			reports.receive(fo.fulfillmentOrderId(), new LocationEventRequest(
					"simulated-" + fo.fulfillmentOrderId() + "-" + event, event, now, null, null, null, null));
			return true;
		}
		catch (RuntimeException e) {
			log.warn("Simulated location {} could not report {} for {}: {}", fo.locationId(), event,
					fo.fulfillmentOrderId(), e.getMessage());
			return false;
		}
	}

}
