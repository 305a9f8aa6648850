package io.orderflow.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The accept phase as an open loop: orders arrive at a fixed rate whether or not the server keeps up, as customers
 * of a shop do. Order {@code i} is due at {@code start + i / rate}; client threads take the orders in turn, wait
 * until the order is due and send it, or send it at once if it is overdue (all threads were busy: the order queued
 * on the client's side). Each POST's latency counts from when it was due, not from when it was sent, so that a slow
 * server cannot hide its slowness by holding the clients back (coordinated omission): a stall of one second shows
 * in the latency of every order due during it.
 *
 * <p>The pool has {@link #clientThreads} threads: enough for the rate's orders to be under way at once while each
 * takes up to a quarter of a second, never fewer than {@code -Dthreads}. Beyond that the orders queue on the client
 * side, which the latency from the due time counts.
 */
final class OpenLoop {

	/** How many seconds of the rate's orders may be under way at once before orders queue on the client side. */
	static final double SECONDS_IN_FLIGHT = 0.25;

	private OpenLoop() {
	}

	/** Sends order {@code i}; called on a client thread. */
	interface Submit {

		void send(int i);

	}

	static int clientThreads(double rate, int threads) {
		return Math.max(threads, (int) Math.ceil(rate * SECONDS_IN_FLIGHT));
	}

	/** Sends {@code orders} orders at {@code rate} per second from {@code threads} client threads. */
	static Result run(double rate, int threads, int orders, Submit submit) {
		Latencies fromDue = new Latencies(orders);
		Latencies service = new Latencies(orders);
		Latencies lag = new Latencies(orders);
		AtomicInteger next = new AtomicInteger();
		AtomicLong lastSent = new AtomicLong();
		AtomicLong lastAnswered = new AtomicLong();
		// a moment for the pool's threads to start before the first order is due
		long start = System.nanoTime() + 50_000_000L;
		Parallel.run(threads, "open-loop", thread -> {
			int i;
			while ((i = next.getAndIncrement()) < orders) {
				long due = start + Math.round(i * 1e9 / rate);
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
					if (Thread.interrupted()) {
						throw new InterruptedException("open loop stopped");
					}
				}
				long sent = System.nanoTime();
				submit.send(i);
				long answered = System.nanoTime();
				fromDue.record(i, answered - due);
				service.record(i, answered - sent);
				lag.record(i, sent - due);
				lastSent.accumulateAndGet(sent, Math::max);
				lastAnswered.accumulateAndGet(answered, Math::max);
			}
		});
		double seconds = OrderflowLoad.seconds(lastAnswered.get() - start);
		double sendSeconds = OrderflowLoad.seconds(lastSent.get() - start);
		return new Result(rate, threads, orders, seconds, orders > 1 && sendSeconds > 0 ? (orders - 1) / sendSeconds : 0,
				fromDue.summary(), service.summary(), lag.summary());
	}

	/**
	 * One open-loop accept phase.
	 * @param offeredPerSecond the rate the orders were due at
	 * @param clientThreads the client threads that sent them
	 * @param orders orders sent (all answered 201, or the run would have stopped)
	 * @param seconds from the first order's due time until the last answer
	 * @param sentPerSecond the rate they were sent at (lower than offered if the orders queued on the client side)
	 * @param fromDue latency of each POST from its due time: what a customer waits (milliseconds)
	 * @param service latency of each POST from its actual send (milliseconds), what a closed loop would report
	 * @param sendLag how late each order was sent after it was due: client threads all busy, or the machine slow to
	 * wake them (milliseconds)
	 */
	record Result(double offeredPerSecond, int clientThreads, int orders, double seconds, double sentPerSecond,
			Latencies.Summary fromDue, Latencies.Summary service, Latencies.Summary sendLag) {

		/** Orders answered per second over the phase. */
		double achievedPerSecond() {
			return seconds <= 0 ? 0 : orders / seconds;
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("offeredPerSecond", offeredPerSecond);
			json.put("achievedPerSecond", Benchmark.round(achievedPerSecond(), 2));
			json.put("sentPerSecond", Benchmark.round(sentPerSecond, 2));
			json.put("clientThreads", clientThreads);
			json.put("orders", orders);
			json.put("seconds", Benchmark.round(seconds, 3));
			json.put("postOrdersFromIntendedMillis", fromDue);
			json.put("postOrdersFromSendMillis", service);
			json.put("sendLagMillis", sendLag);
			return json;
		}

	}

}
