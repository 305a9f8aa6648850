package io.orderflow.events;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives committed events their place in the feed and their number in their order's count. One node at a time
 * (the sequencer's row is locked until the commit), to the events committed since the last round, oldest first:
 * both only grow in the order events became visible, so a cursor never passes an event that commits later. Runs on every node every
 * {@code orderflow.events.sequencer-interval}, and before each read of the feed.
 */
@Component
class EventSequencer {

	/** Events positioned per round. */
	static final int ROUND = 5000;

	private final EventLog log;

	private final Webhooks webhooks;

	EventSequencer(EventLog log, Webhooks webhooks) {
		this.log = log;
		this.webhooks = webhooks;
	}

	/** @return how many events were given a position */
	@Transactional
	public int sequence() {
		long last = log.lockSequencer();
		List<EventLog.Unpositioned> ids = log.unpositioned(ROUND);
		if (!ids.isEmpty()) {
			log.position(ids, last);
			webhooks.fanOut(last, last + ids.size());
		}
		return ids.size();
	}

	/** Background rounds, where scheduling is on. */
	@Component
	@ConditionalOnProperty(name = "orderflow.scheduling.enabled", havingValue = "true", matchIfMissing = true)
	static class Rounds {

		private final EventSequencer sequencer;

		Rounds(EventSequencer sequencer) {
			this.sequencer = sequencer;
		}

		@Scheduled(fixedDelayString = "${orderflow.events.sequencer-interval:PT0.2S}")
		void sequence() {
			while (sequencer.sequence() == ROUND) {
				// a backlog: on until it is cleared
			}
		}

	}

}
