package io.orderflow.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.notifications.email.*}: e-mail to customers (the SMTP server itself is {@code spring.mail.*}).
 * @param enabled whether customers get e-mail
 * @param from the sender's address, e.g. {@code "Example Shop <orders@example.com>"}
 * @param batch mails taken and sent per round
 * @param firstRetry the wait after the first failed attempt; it doubles with each further one
 * @param maxRetryInterval the longest wait between two attempts
 * @param maxAge how long a mail is tried before it is given up (and the order's timeline says so)
 */
@ConfigurationProperties("orderflow.notifications.email")
record EmailProperties(@DefaultValue("false") boolean enabled, String from, @DefaultValue("50") int batch,
		@DefaultValue("PT30S") Duration firstRetry, @DefaultValue("PT30M") Duration maxRetryInterval,
		@DefaultValue("P2D") Duration maxAge) {

	/** The wait after the {@code attempts}-th failed attempt. */
	Duration retryAfter(int attempts) {
		Duration wait = firstRetry;
		for (int i = 1; i < attempts && wait.compareTo(maxRetryInterval) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
	}

}
