package io.orderflow.benchmark;

import java.util.Arrays;

/** Response times of one kind of call, one slot per call; percentiles by nearest rank. */
final class Latencies {

	private final long[] nanos;

	Latencies(int calls) {
		this.nanos = new long[calls];
		Arrays.fill(nanos, -1);
	}

	/** Each call writes its own slot, so no two threads share one. */
	void record(int call, long elapsedNanos) {
		nanos[call] = elapsedNanos;
	}

	Summary summary() {
		long[] sorted = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
		if (sorted.length == 0) {
			return new Summary(0, 0, 0, 0, 0);
		}
		return new Summary(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 99)),
				millis(sorted[sorted.length - 1]), millis(Arrays.stream(sorted).sum() / sorted.length));
	}

	private static long percentile(long[] sorted, double percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 10_000.0) / 100.0;
	}

	/** Milliseconds. */
	record Summary(int calls, double p50, double p99, double max, double mean) {
	}

}
