package io.orderflow.order;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the order book, read from the database: orders per status, the stuck ones (unchanged longer
 * than {@code orderflow.metrics.stuck-after.<STATUS>} allows), and orders accepted and delivered per hour. The
 * console's dashboard shows them; the metrics export them.
 */
@Service
public class OrderFigures {

	/** The default of {@code orderflow.metrics.stuck-after}. */
	static final Map<OrderStatus, Duration> STUCK_AFTER = Map.of(OrderStatus.RECEIVED, Duration.ofHours(1),
			OrderStatus.ON_HOLD, Duration.ofDays(1), OrderStatus.APPROVED, Duration.ofHours(1), OrderStatus.ALLOCATED,
			Duration.ofDays(2), OrderStatus.BACKORDERED, Duration.ofDays(7), OrderStatus.PARTIALLY_SHIPPED,
			Duration.ofDays(7), OrderStatus.SHIPPED, Duration.ofDays(14));

	/** An order that has not moved for longer than its status allows. */
	public record Stuck(UUID id, String orderNumber, OrderStatus status, OffsetDateTime since) {
	}

	/** Orders in an hour (its start, UTC). */
	public record Hour(OffsetDateTime start, long orders) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<OrderStatus, Duration> stuckAfter;

	OrderFigures(JdbcClient jdbc, Clock clock, Environment environment) {
		this.jdbc = jdbc;
		this.clock = clock;
		Map<OrderStatus, Duration> stuck = new EnumMap<>(STUCK_AFTER);
		stuck.putAll(Binder.get(environment)
			.bind("orderflow.metrics.stuck-after", Bindable.mapOf(OrderStatus.class, Duration.class))
			.orElse(Map.of()));
		this.stuckAfter = stuck;
	}

	/** Orders per status, every status named (0 where there is none). */
	@Transactional(readOnly = true)
	public Map<OrderStatus, Long> byStatus() {
		Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			counts.put(status, 0L);
		}
		jdbc.sql("select status, count(*) from orders group by status")
			.query(rs -> {
				counts.put(OrderStatus.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	/** Per status that can be stuck, how many orders are. */
	@Transactional(readOnly = true)
	public Map<OrderStatus, Long> stuckCounts() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
		stuckAfter.forEach((status, after) -> counts.put(status,
				jdbc.sql("select count(*) from orders where status = :status and updated_at < :before")
					.param("status", status.name())
					.param("before", now.minus(after))
					.query(Long.class)
					.single()));
		return counts;
	}

	/** The stuck orders, longest unchanged first, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<Stuck> stuck(int limit) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Stuck> stuck = new ArrayList<>();
		stuckAfter.forEach((status, after) -> stuck.addAll(jdbc.sql("""
				select id, order_number, updated_at from orders where status = :status and updated_at < :before
				order by updated_at fetch first :limit rows only""")
			.param("status", status.name())
			.param("before", now.minus(after))
			.param("limit", limit)
			.query((rs, n) -> new Stuck(rs.getObject(1, UUID.class), rs.getString(2), status,
					rs.getObject(3, OffsetDateTime.class)))
			.list()));
		stuck.sort((a, b) -> a.since().compareTo(b.since()));
		return stuck.subList(0, Math.min(limit, stuck.size()));
	}

	/** Orders accepted per hour over the last {@code hours} hours, oldest first, every hour named. */
	@Transactional(readOnly = true)
	public List<Hour> acceptedPerHour(int hours) {
		return perHour("select created_at from orders where created_at >= :from", hours);
	}

	/** Orders that reached DELIVERED per hour over the last {@code hours} hours. */
	@Transactional(readOnly = true)
	public List<Hour> deliveredPerHour(int hours) {
		return perHour("""
				select occurred_at from order_timeline where type = 'STATUS_CHANGED' and after_value = 'DELIVERED'
				  and occurred_at >= :from""", hours);
	}

	private List<Hour> perHour(String sql, int hours) {
		OffsetDateTime end = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
		OffsetDateTime from = end.minusHours(hours - 1L);
		Map<OffsetDateTime, Long> counts = new TreeMap<>();
		for (int h = 0; h < hours; h++) {
			counts.put(from.plusHours(h), 0L);
		}
		jdbc.sql(sql).param("from", from).query(rs -> {
			OffsetDateTime hour = rs.getObject(1, OffsetDateTime.class)
				.withOffsetSameInstant(ZoneOffset.UTC)
				.truncatedTo(ChronoUnit.HOURS);
			counts.computeIfPresent(hour, (key, count) -> count + 1);
		});
		return counts.entrySet().stream().map(e -> new Hour(e.getKey(), e.getValue())).toList();
	}

}
