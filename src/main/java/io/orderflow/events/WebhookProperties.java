package io.orderflow.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered ({@code orderflow.webhooks.*}, docs/events.md).
 *
 * @param timeout how long a target may take to answer (connect and response) before the try counts as failed
 * @param firstRetry the wait after the first failed try; each further failure doubles it
 * @param maxRetryInterval the longest wait between two tries
 * @param maxAge how long after the event a delivery is tried; after that it is dead-lettered
 * @param dispatchInterval how long a node waits before it looks again when nothing was due
 * @param senders deliveries a node sends at once
 * @param perSubscription deliveries a node sends at once to one subscription, so that a slow target cannot
 * take every sender
 * @param allowPrivateTargets whether a target may be on a loopback or private address (off: no subscription
 * can make Orderflow call into its own network)
 */
@ConfigurationProperties("orderflow.webhooks")
record WebhookProperties(@DefaultValue("PT10S") Duration timeout, @DefaultValue("PT5S") Duration firstRetry,
		@DefaultValue("PT1H") Duration maxRetryInterval, @DefaultValue("P1D") Duration maxAge,
		@DefaultValue("PT0.2S") Duration dispatchInterval, @DefaultValue("16") int senders,
		@DefaultValue("8") int perSubscription, @DefaultValue("false") boolean allowPrivateTargets) {

	/** The wait after the {@code attempts}-th failed try. */
	Duration backoff(int attempts) {
		Duration wait = firstRetry;
		for (int i = 1; i < attempts && wait.compareTo(maxRetryInterval) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
	}

	/** How long a node's claim on a delivery holds: long enough to send it, short enough to resend it soon after a crash. */
	Duration claim() {
		return timeout.multipliedBy(2).plusSeconds(5);
	}

}
