package io.orderflow.order;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.orderflow.platform.AfterCommit;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The business metrics of orders (docs/operations.md, "Metrics"). What happens is counted on the node where it
 * happens, once its transaction has committed: orders accepted per channel, the time an order spent in each
 * status it left. What is, is read from the database every {@code refresh-interval}, the same on every node:
 * orders per status, and those that have not changed for longer than their status allows ("stuck":
 * {@code orderflow.metrics.stuck-after.<STATUS>}, e.g. {@code RECEIVED: PT1H}).
 */
@Component
class OrderMetrics {

	/** The default of {@code orderflow.metrics.stuck-after}. */
	static final Map<OrderStatus, Duration> STUCK_AFTER = Map.of(OrderStatus.RECEIVED, Duration.ofHours(1),
			OrderStatus.ON_HOLD, Duration.ofDays(1), OrderStatus.APPROVED, Duration.ofHours(1), OrderStatus.ALLOCATED,
			Duration.ofDays(2), OrderStatus.BACKORDERED, Duration.ofDays(7), OrderStatus.PARTIALLY_SHIPPED,
			Duration.ofDays(7), OrderStatus.SHIPPED, Duration.ofDays(14));

	private final MeterRegistry registry;

	private final JdbcClient jdbc;

	/** Per status, how long an order may stay in it unchanged before it counts as stuck. */
	private final Map<OrderStatus, Duration> stuckAfter;

	private final Clock clock;

	private final MultiGauge byStatus;

	private final MultiGauge stuck;

	OrderMetrics(MeterRegistry registry, JdbcClient jdbc, Environment environment, Clock clock) {
		this.registry = registry;
		this.jdbc = jdbc;
		Map<OrderStatus, Duration> stuck = new EnumMap<>(STUCK_AFTER);
		stuck.putAll(Binder.get(environment)
			.bind("orderflow.metrics.stuck-after", Bindable.mapOf(OrderStatus.class, Duration.class))
			.orElse(Map.of()));
		this.stuckAfter = stuck;
		this.clock = clock;
		this.byStatus = MultiGauge.builder("orderflow.orders")
			.description("Orders per status, read from the database (the same on every node)")
			.register(registry);
		this.stuck = MultiGauge.builder("orderflow.orders.stuck")
			.description("Orders unchanged for longer than orderflow.metrics.stuck-after allows their status")
			.register(registry);
	}

	/** An order was accepted (after the commit). */
	void accepted(Channel channel) {
		AfterCommit.run(() -> Counter.builder("orderflow.orders.accepted")
			.description("Orders accepted, per channel, on this node")
			.tag("channel", channel.name())
			.register(registry)
			.increment());
	}

	/** An order left {@code stage} after {@code spent} in it (after the commit). */
	void left(OrderStatus stage, Duration spent) {
		AfterCommit.run(() -> Timer.builder("orderflow.orders.stage.duration")
			.description("Time an order spent in a status before it moved on, per status left, on this node")
			.tag("stage", stage.name())
			.publishPercentileHistogram()
			.register(registry)
			.record(spent));
	}

	/** Reads the orders per status and the stuck ones again. */
	@Scheduled(fixedDelayString = "${orderflow.metrics.refresh-interval:PT30S}")
	void refresh() {
		Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			counts.put(status, 0L);
		}
		jdbc.sql("select status, count(*) from orders group by status")
			.query(rs -> {
				counts.put(OrderStatus.valueOf(rs.getString(1)), rs.getLong(2));
			});
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		counts.forEach((status, count) -> rows.add(MultiGauge.Row.of(Tags.of("status", status.name()), count)));
		byStatus.register(rows, true);
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<MultiGauge.Row<?>> stuckRows = new ArrayList<>();
		stuckAfter.forEach((status, after) -> stuckRows.add(MultiGauge.Row.of(
				Tags.of("status", status.name()),
				jdbc.sql("select count(*) from orders where status = :status and updated_at < :before")
					.param("status", status.name())
					.param("before", now.minus(after))
					.query(Long.class)
					.single())));
		stuck.register(stuckRows, true);
	}

}
