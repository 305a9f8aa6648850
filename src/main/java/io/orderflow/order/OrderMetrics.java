package io.orderflow.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.orderflow.platform.AfterCommit;

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

	private final MeterRegistry registry;

	private final OrderFigures figures;

	private final MultiGauge byStatus;

	private final MultiGauge stuck;

	OrderMetrics(MeterRegistry registry, OrderFigures figures) {
		this.registry = registry;
		this.figures = figures;
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
		byStatus.register(rows(figures.byStatus()), true);
		stuck.register(rows(figures.stuckCounts()), true);
	}

	private static List<MultiGauge.Row<?>> rows(Map<OrderStatus, Long> counts) {
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		counts.forEach((status, count) -> rows.add(MultiGauge.Row.of(Tags.of("status", status.name()), count)));
		return rows;
	}

}
