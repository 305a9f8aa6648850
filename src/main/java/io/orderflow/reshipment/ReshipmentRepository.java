package io.orderflow.reshipment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.service.RequestTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reshipment tables (V9__reshipments.sql), plain JDBC. */
@Repository
class ReshipmentRepository {

	private static final String COLUMNS = """
			r.id, r.order_id, r.order_number, r.reason, r.status, r.requested_by, r.process_instance_id,
			r.created_at, r.updated_at""";

	private final JdbcClient jdbc;

	private final RequestTable<Reshipment> table;

	ReshipmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.table = new RequestTable<>(jdbc, "reshipment r", COLUMNS, (rs, n) -> row(rs), this::withLines);
	}


	void insert(UUID id, Order order, String reason, String requestedBy, Map<Integer, Integer> lines,
			OffsetDateTime now) {
		jdbc.sql("""
				insert into reshipment (id, order_id, order_number, reason, status, requested_by, created_at, updated_at)
				values (:id, :orderId, :orderNumber, :reason, 'REQUESTED', :by, :now, :now)""")
			.param("id", id)
			.param("orderId", order.id())
			.param("orderNumber", order.orderNumber())
			.param("reason", reason)
			.param("by", requestedBy)
			.param("now", now)
			.update();
		lines.forEach((lineNumber, quantity) -> jdbc.sql("""
				insert into reshipment_line (reshipment_id, line_number, sku, requested)
				values (:id, :line, :sku, :quantity)""")
			.param("id", id)
			.param("line", lineNumber)
			.param("sku", order.line(lineNumber).sku())
			.param("quantity", quantity)
			.update());
	}

	void updateProcessInstance(UUID id, String processInstanceId) {
		RequestTable.recordProcessInstance(jdbc, "reshipment", id, processInstanceId);
	}

	/** Moves an open reshipment on; false when it is no longer open (a repeat). */
	boolean updateStatus(UUID id, ReshipmentStatus status, OffsetDateTime now) {
		return jdbc.sql("""
				update reshipment set status = :status, updated_at = :now
				where id = :id and status in ('REQUESTED', 'IN_PROGRESS')""")
			.param("status", status.name())
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	void recordResult(UUID id, int lineNumber, int reshipped, int notReshipped) {
		jdbc.sql("""
				update reshipment_line set reshipped = :reshipped, not_reshipped = :notReshipped
				where reshipment_id = :id and line_number = :line""")
			.param("reshipped", reshipped)
			.param("notReshipped", notReshipped)
			.param("id", id)
			.param("line", lineNumber)
			.update();
	}

	/** Units per line number that the open (REQUESTED, IN_PROGRESS) reshipments of the order ask for. */
	Map<Integer, Integer> openRequested(UUID orderId) {
		return RequestTable.unitsPerLine(jdbc, """
				select l.line_number, sum(l.requested) from reshipment_line l
				join reshipment r on r.id = l.reshipment_id
				where r.order_id = :orderId and r.status in ('REQUESTED', 'IN_PROGRESS')
				group by l.line_number""", orderId);
	}

	/** The ids of the order's open (REQUESTED, IN_PROGRESS) reshipments. */
	Set<UUID> openIds(UUID orderId) {
		return new HashSet<>(jdbc.sql(
				"select id from reshipment where order_id = :orderId and status in ('REQUESTED', 'IN_PROGRESS')")
			.param("orderId", orderId)
			.query(UUID.class)
			.list());
	}

	Optional<Reshipment> find(UUID id) {
		return table.find(id);
	}

	List<Reshipment> ofOrder(UUID orderId) {
		return table.ofOrder(orderId, "id");
	}

	private static Reshipment row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Reshipment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), rs.getString("reason"), ReshipmentStatus.valueOf(rs.getString("status")),
				rs.getString("requested_by"), rs.getString("process_instance_id"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				List.of());
	}

	private Reshipment withLines(Reshipment r) {
		List<Reshipment.Line> lines = new ArrayList<>(jdbc.sql("""
				select l.line_number, l.sku, l.requested, l.reshipped, l.not_reshipped from reshipment_line l
				where l.reshipment_id = :id order by l.line_number""")
			.param("orderId", r.orderId())
			.param("id", r.id())
			.query((rs, n) -> new Reshipment.Line(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
					rs.getInt(5)))
			.list());
		return new Reshipment(r.id(), r.orderId(), r.orderNumber(), r.reason(), r.status(), r.requestedBy(),
				r.processInstanceId(), r.createdAt(), r.updatedAt(), lines);
	}

}
