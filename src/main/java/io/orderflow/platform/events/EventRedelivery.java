package io.orderflow.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers events that arrived before their process was waiting for them. Every node runs it; an
 * event delivered twice is harmless, because correlation only moves a process that still waits.
 */
@Component
public class EventRedelivery {

	private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

	private final InboundEvents events;

	private final Map<String, EventCorrelator> correlators;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Duration grace;

	EventRedelivery(InboundEvents events, List<EventCorrelator> correlators, TransactionTemplate transaction,
			Clock clock, @Value("${orderflow.events.redelivery-grace:PT2S}") Duration grace) {
		this.events = events;
		this.correlators = correlators.stream().collect(Collectors.toMap(EventCorrelator::source, Function.identity()));
		this.transaction = transaction;
		this.clock = clock;
		this.grace = grace;
	}

	@Scheduled(fixedDelayString = "${orderflow.events.redelivery-interval:PT5S}",
			initialDelayString = "${orderflow.events.redelivery-interval:PT5S}")
	void scheduled() {
		if (redeliverPending() > 0) {
			log.debug("Redelivered pending events");
		}
	}

	/** Tries every pending event older than the grace period once; returns how many reached their process. */
	public int redeliverPending() {
		int delivered = 0;
		for (InboundEvent event : events.pendingSince(OffsetDateTime.now(clock).minus(grace), 100)) {
			EventCorrelator correlator = correlators.get(event.source());
			if (correlator == null) {
				continue;
			}
			try {
				Boolean done = transaction.execute(tx -> {
					boolean reached = correlator.correlate(event);
					if (reached) {
						events.markCorrelated(event.eventId());
					}
					return reached;
				});
				if (Boolean.TRUE.equals(done)) {
					delivered++;
				}
			}
			catch (RuntimeException e) {
				log.warn("Event {} could not be delivered yet: {}", event.eventId(), e.getMessage());
			}
		}
		return delivered;
	}

}
