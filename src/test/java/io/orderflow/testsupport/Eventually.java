package io.orderflow.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waiting for what a running Orderflow does by itself (its job executor on): asks again every 200 ms until the
 * answer is there, for at most a minute.
 */
public final class Eventually {

	private static final Duration AT_MOST = Duration.ofSeconds(60);

	private Eventually() {
	}

	/** The first non-null answer of {@code probe}; fails naming {@code what} after a minute. */
	public static <T> T waitFor(String what, Supplier<T> probe) {
		Instant deadline = Instant.now().plus(AT_MOST);
		while (Instant.now().isBefore(deadline)) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted waiting for " + what);
			}
		}
		throw new AssertionError("Waited " + AT_MOST.toSeconds() + " s for " + what);
	}

}
