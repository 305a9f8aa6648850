package io.orderflow.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over the event log: appending in the change's transaction, positions, and reading in feed order. */
@Repository
class EventLog {

	private static final String COLUMNS = "event_id, event_type, type_version, occurred_at, order_id, order_number, "
			+ "order_sequence, payload, feed_position";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final ObjectMapper json;

	EventLog(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ObjectMapper json) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
	}

	/** Appends an event in the caller's transaction; it gets its place in the feed and its order's count after the commit. */
	void append(UUID eventId, UUID orderId, EventType type, OffsetDateTime occurredAt, String payload) {
		int inserted = jdbc.sql("""
				insert into order_event (event_id, event_type, type_version, order_id, order_number, occurred_at, payload)
				select :eventId, :type, :version, id, order_number, :occurredAt, :payload from orders where id = :orderId""")
			.param("eventId", eventId)
			.param("type", type.wireName())
			.param("version", type.version())
			.param("occurredAt", occurredAt)
			.param("payload", payload)
			.param("orderId", orderId)
			.update();
		if (inserted != 1) {
			throw new IllegalArgumentException("No order " + orderId);
		}
	}

	/** The last position given, with the sequencer's row locked until the caller's commit. */
	long lockSequencer() {
		return jdbc.sql("select last_position from event_sequencer where id = 1 for update").query(Long.class).single();
	}

	/** An event without its place yet: its row and its order. */
	record Unpositioned(long id, UUID orderId) {
	}

	/** Committed events without a position, oldest first. */
	List<Unpositioned> unpositioned(int limit) {
		return jdbc.sql("""
				select id, order_id from order_event where feed_position is null order by id fetch first :limit rows only""")
			.param("limit", limit)
			.query((rs, n) -> new Unpositioned(rs.getLong(1), rs.getObject(2, UUID.class)))
			.list();
	}

	/**
	 * Gives the events, in the order given, their positions after {@code last} and the next numbers of their
	 * orders. Only the sequencer calls it, with its row locked.
	 */
	void position(List<Unpositioned> events, long last) {
		Set<UUID> orderIds = new HashSet<>();
		events.forEach(event -> orderIds.add(event.orderId()));
		Map<UUID, Long> counted = new HashMap<>();
		jdbc.sql("select order_id, last_sequence from order_event_counter where order_id in (:ids)")
			.param("ids", orderIds)
			.query(rs -> {
				counted.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		Map<UUID, Long> sequences = new HashMap<>(counted);
		MapSqlParameterSource[] rows = new MapSqlParameterSource[events.size()];
		for (int i = 0; i < rows.length; i++) {
			Unpositioned event = events.get(i);
			long sequence = sequences.merge(event.orderId(), 1L, Long::sum);
			rows[i] = new MapSqlParameterSource("id", event.id()).addValue("position", last + i + 1)
				.addValue("sequence", sequence);
		}
		batch.batchUpdate("update order_event set feed_position = :position, order_sequence = :sequence where id = :id",
				rows);
		List<MapSqlParameterSource> updates = new ArrayList<>();
		List<MapSqlParameterSource> inserts = new ArrayList<>();
		sequences.forEach((orderId, sequence) -> (counted.containsKey(orderId) ? updates : inserts)
			.add(new MapSqlParameterSource("orderId", orderId).addValue("sequence", sequence)));
		batch.batchUpdate("update order_event_counter set last_sequence = :sequence where order_id = :orderId",
				updates.toArray(MapSqlParameterSource[]::new));
		batch.batchUpdate("insert into order_event_counter (order_id, last_sequence) values (:orderId, :sequence)",
				inserts.toArray(MapSqlParameterSource[]::new));
		jdbc.sql("update event_sequencer set last_position = :last where id = 1")
			.param("last", last + events.size())
			.update();
	}

	/** Events after {@code position} in feed order, optionally of some types or of one order. */
	List<OrderEvent> after(long position, Collection<String> types, UUID orderId, int limit) {
		return jdbc.sql("select " + COLUMNS + " from order_event where feed_position > :after"
				+ (types.isEmpty() ? "" : " and event_type in (:types)")
				+ (orderId == null ? "" : " and order_id = :orderId") + " order by feed_position fetch first :limit rows only")
			.param("after", position)
			.param("types", types.isEmpty() ? List.of("") : types)
			.param("orderId", orderId)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	/** Events of an order in sequence, positioned or not. */
	List<OrderEvent> ofOrder(UUID orderId) {
		return jdbc.sql("select " + COLUMNS + " from order_event where order_id = :orderId order by order_sequence")
			.param("orderId", orderId)
			.query(this::event)
			.list();
	}

	private OrderEvent event(ResultSet rs, int row) throws SQLException {
		Long position = rs.getObject("feed_position", Long.class);
		try {
			return new OrderEvent(rs.getObject("event_id", UUID.class), rs.getString("event_type"),
					rs.getInt("type_version"), rs.getObject("occurred_at", OffsetDateTime.class),
					rs.getObject("order_id", UUID.class), rs.getString("order_number"), rs.getObject("order_sequence", Long.class),
					json.readTree(rs.getString("payload")), position == null ? null : position.toString());
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Event " + rs.getString("event_id") + " holds no JSON", e);
		}
	}

}
