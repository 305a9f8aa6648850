package io.orderflow.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reads that every service request's repository makes alike: one request by id (or another unique
 * column), an order's requests oldest first, each completed with its lines; and the units per line that an
 * order's open requests ask for. Also the writes they make alike: the process instance that carries a request
 * out, and a status moved only from the one it must be in.
 * @param <T> the request, as its repository maps a row
 */
public final class RequestTable<T> {

	private final JdbcClient jdbc;

	private final String select;

	private final String alias;

	private final RowMapper<T> row;

	private final UnaryOperator<T> withLines;

	/**
	 * @param table the table and its alias, e.g. {@code "cancellation c"}
	 * @param columns the columns {@code row} reads, qualified with the alias
	 * @param withLines the request with its lines read (the row maps it without)
	 */
	public RequestTable(JdbcClient jdbc, String table, String columns, RowMapper<T> row, UnaryOperator<T> withLines) {
		this.jdbc = jdbc;
		this.select = "select " + columns + " from " + table;
		this.alias = table.substring(table.lastIndexOf(' ') + 1);
		this.row = row;
		this.withLines = withLines;
	}

	public Optional<T> find(UUID id) {
		return findBy("id", id);
	}

	/** The request whose {@code column} (unique) holds {@code value}. */
	public Optional<T> findBy(String column, Object value) {
		return jdbc.sql(select + " where " + alias + "." + column + " = :value")
			.param("value", value)
			.query(row)
			.optional()
			.map(withLines);
	}

	/**
	 * The order's requests, oldest first.
	 * @param tieBreak the column that orders two created at the same instant
	 */
	public List<T> ofOrder(UUID orderId, String tieBreak) {
		return jdbc.sql(select + " where " + alias + ".order_id = :orderId order by " + alias + ".created_at, " + alias
				+ "." + tieBreak)
			.param("orderId", orderId)
			.query(row)
			.list()
			.stream()
			.map(withLines)
			.toList();
	}

	/** Records the process instance that carries out the request {@code id} of {@code table}. */
	public static void recordProcessInstance(JdbcClient jdbc, String table, UUID id, String processInstanceId) {
		jdbc.sql("update " + table + " set process_instance_id = :pi where id = :id")
			.param("pi", processInstanceId)
			.param("id", id)
			.update();
	}

	/**
	 * Moves the request {@code id} of {@code table} from status {@code from} to {@code to} (with the reason, if
	 * any, in {@code status_reason}); false when it is not in {@code from} (a repeat, or another event was first).
	 * The conditional update is what decides between racing changes.
	 */
	public static boolean move(JdbcClient jdbc, String table, UUID id, Enum<?> from, Enum<?> to, String reason,
			OffsetDateTime now) {
		return jdbc.sql("update " + table + """
				 set status = :to, status_reason = coalesce(:reason, status_reason), updated_at = :now
				where id = :id and status = :from""")
			.param("to", to.name())
			.param("reason", reason)
			.param("now", now)
			.param("id", id)
			.param("from", from.name())
			.update() == 1;
	}

	/**
	 * Units per line number, from a query about one order ({@code :orderId}) that selects the line number and
	 * a sum, grouped by line.
	 */
	public static Map<Integer, Integer> unitsPerLine(JdbcClient jdbc, String sql, UUID orderId) {
		Map<Integer, Integer> units = new TreeMap<>();
		jdbc.sql(sql).param("orderId", orderId).query(rs -> {
			units.put(rs.getInt(1), rs.getInt(2));
		});
		return units;
	}

}
