package io.orderflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the same work on several client threads and waits for all of them; the first failure stops the rest. */
final class Parallel {

	private Parallel() {
	}

	/** Work of one client thread; {@code thread} is 0 … threads - 1. */
	interface Work {

		void run(int thread) throws Exception;

	}

	static void run(int threads, String name, Work work) {
		AtomicInteger counter = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
			Thread thread = new Thread(runnable, "benchmark-" + name + "-" + counter.getAndIncrement());
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					work.run(thread);
					return null;
				}));
			}
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (ExecutionException e) {
					futures.forEach(f -> f.cancel(true));
					if (e.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					throw new IllegalStateException(e.getCause());
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", e);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
