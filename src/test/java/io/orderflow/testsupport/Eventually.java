package io.orderflow.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waiting for what a running Orderflow does by itself (its job executor on): asks again every 200 ms until the
 * answer is there, for at most a minute unless the caller says otherwise.
 */
public final class Eventually {

	private static final Duration AT_MOST = Duration.ofSeconds(60);

	private Eventually() {
	}

	/** The first non-null answer of {@code probe}; fails naming {@code what} after a minute. */
	public static <T> T waitFor(String what, Supplier<T> probe) {
		return waitFor(what, AT_MOST, probe);
	}

	/** The first non-null answer of {@code probe}; fails naming {@code what} after {@code atMost}. */
	public static <T> T waitFor(String what, Duration atMost, Supplier<T> probe) {
		Instant deadline = Instant.now().plus(atMost);
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
		throw new AssertionError("Waited " + atMost.toSeconds() + " s for " + what);
	}

}
