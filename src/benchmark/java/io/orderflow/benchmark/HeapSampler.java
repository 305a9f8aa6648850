package io.orderflow.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Peak heap of this JVM (Orderflow and the benchmark's clients share it): the heap in use, sampled every
 * 100 ms, and the heap still in use right after each garbage collection (what the application really
 * keeps). Peaks are kept per {@link Window}, so that each run reports its own.
 */
final class HeapSampler implements AutoCloseable {

	private static final long MB = 1024 * 1024;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	private final List<Window> windows = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "benchmark-heap-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private final NotificationListener gcListener = (notification, handback) -> {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			long afterGc = 0;
			for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
				if (heapPools.contains(pool.getKey())) {
					afterGc += pool.getValue().getUsed();
				}
			}
			for (Window window : windows) {
				window.afterGc(afterGc);
			}
		}
	};

	HeapSampler() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(gcListener, null, null);
			}
		}
		timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
	}

	/** Starts keeping the peaks from now on, until the window is closed. */
	Window window() {
		Window window = new Window();
		windows.add(window);
		sample();
		return window;
	}

	/** The most the heap may grow to (-Xmx), in MB. */
	long maxMb() {
		return memory.getHeapMemoryUsage().getMax() / MB;
	}

	private void sample() {
		MemoryUsage heap = memory.getHeapMemoryUsage();
		for (Window window : windows) {
			window.used(heap.getUsed(), heap.getCommitted());
		}
	}

	@Override
	public void close() {
		timer.shutdownNow();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				try {
					emitter.removeNotificationListener(gcListener);
				}
				catch (javax.management.ListenerNotFoundException ignored) {
					// never added
				}
			}
		}
	}

	/** The peaks of one stretch of the benchmark. */
	final class Window implements AutoCloseable {

		private final AtomicLong peakUsed = new AtomicLong();

		private final AtomicLong peakCommitted = new AtomicLong();

		private final AtomicLong peakAfterGc = new AtomicLong();

		private void used(long used, long committed) {
			peakUsed.accumulateAndGet(used, Math::max);
			peakCommitted.accumulateAndGet(committed, Math::max);
		}

		private void afterGc(long afterGc) {
			peakAfterGc.accumulateAndGet(afterGc, Math::max);
		}

		long peakUsedMb() {
			return peakUsed.get() / MB;
		}

		long peakCommittedMb() {
			return peakCommitted.get() / MB;
		}

		/** Peak of the heap in use right after a collection; 0 if no collection happened in the window. */
		long peakAfterGcMb() {
			return peakAfterGc.get() / MB;
		}

		@Override
		public void close() {
			sample();
			windows.remove(this);
		}

	}

}
