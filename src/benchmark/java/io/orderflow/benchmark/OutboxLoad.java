package io.orderflow.benchmark;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox phase: what it costs to record outbound events the way Orderflow does (one insert into
 * {@code order_event} in the change's transaction) against the way Spring Modulith's event publication
 * registry would (the event stored in {@code event_publication} with the change, a listener that writes
 * {@code order_event} after the commit in a transaction of its own, the publication marked completed).
 * Each event is a transaction of its own, from the benchmark's client threads, on existing orders.
 */
final class OutboxLoad {

	/** What the registry carries to its listener. */
	record Probe(UUID orderId, int number) {
	}

	/** The registry's way: a listener after the commit writes the event (registered by the benchmark). */
	static class RegistryListener {

		private final OrderEvents events;

		private final TransactionTemplate ownTransaction;

		RegistryListener(OrderEvents events, PlatformTransactionManager transactionManager) {
			this.events = events;
			this.ownTransaction = new TransactionTemplate(transactionManager);
			this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		}

		@TransactionalEventListener
		public void on(Probe probe) {
			ownTransaction.executeWithoutResult(tx -> events.publish(probe.orderId(), EventType.ORDER_STATUS_CHANGED,
					Map.of("probe", probe.number())));
		}

	}

	/** Events per second each way. */
	record Result(int events, double outboxPerSecond, double registryPerSecond) {
	}

	static Result run(OrderEvents events, ApplicationEventPublisher publisher, PlatformTransactionManager transactions,
			JdbcTemplate jdbc, int count, int threads) {
		List<UUID> orders = jdbc.queryForList("select id from orders order by created_at fetch first 100 rows only",
				UUID.class);
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		double outbox = perSecond(count, threads, n -> transaction.executeWithoutResult(tx -> events
			.publish(orders.get(n % orders.size()), EventType.ORDER_STATUS_CHANGED, Map.of("probe", n))));
		double registry = perSecond(count, threads, n -> transaction
			.executeWithoutResult(tx -> publisher.publishEvent(new Probe(orders.get(n % orders.size()), n))));
		return new Result(count, outbox, registry);
	}

	private interface Write {

		void event(int n);

	}

	private static double perSecond(int count, int threads, Write write) {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<?>> done = new java.util.ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int first = t;
				done.add(pool.submit(() -> {
					for (int n = first; n < count; n += threads) {
						write.event(n);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
			return count / ((System.nanoTime() - start) / 1e9);
		}
		catch (Exception e) {
			throw new IllegalStateException("The outbox phase failed", e);
		}
		finally {
			pool.shutdown();
		}
	}

}
