package io.orderflow.cancellation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.service.RequestTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cancellation tables (V5__cancellation.sql), plain JDBC. */
@Repository
class CancellationRepository {

	private static final String COLUMNS = """
			c.id, c.order_id, c.order_number, c.whole_order, c.reason, c.status, c.requested_by, c.decision_note,
			c.process_instance_id, c.created_at, c.updated_at""";

	private final JdbcClient jdbc;

	private final RequestTable<Cancellation> table;

	CancellationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.table = new RequestTable<>(jdbc, "cancellation c", COLUMNS, (rs, n) -> row(rs), this::withLines);
	}


	void insert(UUID id, Order order, boolean wholeOrder, String reason, String requestedBy,
			Map<Integer, Integer> lines, OffsetDateTime now) {
		jdbc.sql("""
				insert into cancellation (id, order_id, order_number, whole_order, reason, status, requested_by,
				  created_at, updated_at)
				values (:id, :orderId, :orderNumber, :whole, :reason, 'REQUESTED', :by, :now, :now)""")
			.param("id", id)
			.param("orderId", order.id())
			.param("orderNumber", order.orderNumber())
			.param("whole", wholeOrder)
			.param("reason", reason)
			.param("by", requestedBy)
			.param("now", now)
			.update();
		lines.forEach((lineNumber, quantity) -> jdbc.sql("""
				insert into cancellation_line (cancellation_id, line_number, sku, requested)
				values (:id, :line, :sku, :quantity)""")
			.param("id", id)
			.param("line", lineNumber)
			.param("sku", order.line(lineNumber).sku())
			.param("quantity", quantity)
			.update());
	}

	void updateProcessInstance(UUID id, String processInstanceId) {
		RequestTable.recordProcessInstance(jdbc, "cancellation", id, processInstanceId);
	}

	/** Moves an open cancellation on; false when it is no longer open (a repeat). */
	boolean updateStatus(UUID id, CancellationStatus status, String note, OffsetDateTime now) {
		return jdbc.sql("""
				update cancellation set status = :status, decision_note = coalesce(:note, decision_note), updated_at = :now
				where id = :id and status in ('REQUESTED', 'IN_REVIEW')""")
			.param("status", status.name())
			.param("note", note)
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	void recordResult(UUID id, int lineNumber, int canceled, int notCanceled) {
		jdbc.sql("""
				update cancellation_line set canceled = :canceled, not_canceled = :notCanceled
				where cancellation_id = :id and line_number = :line""")
			.param("canceled", canceled)
			.param("notCanceled", notCanceled)
			.param("id", id)
			.param("line", lineNumber)
			.update();
	}

	/** Units per line number that open cancellations of the order have asked for and not yet carried out. */
	Map<Integer, Integer> pendingUnits(UUID orderId) {
		return RequestTable.unitsPerLine(jdbc, """
				select l.line_number, sum(l.requested) from cancellation_line l
				join cancellation c on c.id = l.cancellation_id
				where c.order_id = :orderId and c.status in ('REQUESTED', 'IN_REVIEW')
				group by l.line_number""", orderId);
	}

	Optional<Cancellation> find(UUID id) {
		return table.find(id);
	}

	List<Cancellation> ofOrder(UUID orderId) {
		return table.ofOrder(orderId, "id");
	}

	private static Cancellation row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Cancellation(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), rs.getBoolean("whole_order"), rs.getString("reason"),
				CancellationStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
				rs.getString("decision_note"), rs.getString("process_instance_id"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				List.of());
	}

	private Cancellation withLines(Cancellation c) {
		List<Cancellation.Line> lines = new ArrayList<>(jdbc.sql("""
				select l.line_number, l.sku, l.requested, l.canceled, l.not_canceled from cancellation_line l
				where l.cancellation_id = :id order by l.line_number""")
			.param("id", c.id())
			.query((rs, n) -> new Cancellation.Line(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
					rs.getInt(5)))
			.list());
		return new Cancellation(c.id(), c.orderId(), c.orderNumber(), c.wholeOrder(), c.reason(), c.status(),
				c.requestedBy(), c.decisionNote(), c.processInstanceId(), c.createdAt(), c.updatedAt(), lines);
	}

}
