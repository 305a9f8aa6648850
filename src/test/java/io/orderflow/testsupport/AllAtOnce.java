package io.orderflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Calls on threads of their own that all start at the same moment: what a race needs to happen. */
public final class AllAtOnce {

	private AllAtOnce() {
	}

	/** Runs every call on a thread of its own, all released together; their answers in the order of the calls. */
	public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Calls {@code call} with 0 … n-1, each on a thread of its own, all released together; answers in that order. */
	public static <T> List<T> run(int n, IntFunction<T> call) throws Exception {
		return run(IntStream.range(0, n).<Callable<T>>mapToObj(i -> () -> call.apply(i)).toList());
	}

	/** Makes the same call n times at once; the answers. */
	public static <T> List<T> repeat(int n, Callable<T> call) throws Exception {
		return run(IntStream.range(0, n).<Callable<T>>mapToObj(i -> call).toList());
	}

}
