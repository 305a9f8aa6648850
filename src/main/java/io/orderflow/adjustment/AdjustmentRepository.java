package io.orderflow.adjustment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.service.RequestTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The adjustment table (V8__adjustments.sql), plain JDBC. */
@Repository
class AdjustmentRepository {

	private static final String COLUMNS = """
			a.id, a.order_id, a.order_number, a.target, a.line_number, a.kind, a.requested_value, a.amount,
			a.net_amount, a.tax_amount, a.currency, a.reason, a.status, a.requested_by, a.approved_by, a.decision_note,
			a.credit_memo_id, a.process_instance_id, a.created_at, a.updated_at, a.refunded_amount, a.pending_amount,
			a.capture_lowered_amount, a.lapsed_amount""";

	private final JdbcClient jdbc;

	private final RequestTable<Adjustment> table;

	AdjustmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.table = new RequestTable<>(jdbc, "adjustment a", COLUMNS, AdjustmentRepository::row, adjustment -> adjustment);
	}



	void insert(Adjustment a) {
		jdbc.sql("""
				insert into adjustment (id, order_id, order_number, target, line_number, kind, requested_value, amount,
				  net_amount, tax_amount, currency, reason, status, requested_by, created_at, updated_at)
				values (:id, :orderId, :orderNumber, :target, :line, :kind, :value, :amount, :net, :tax, :currency,
				  :reason, :status, :by, :now, :now)""")
			.param("id", a.id())
			.param("orderId", a.orderId())
			.param("orderNumber", a.orderNumber())
			.param("target", a.target().name())
			.param("line", a.lineNumber())
			.param("kind", a.kind().name())
			.param("value", a.requestedValue())
			.param("amount", a.amount())
			.param("net", a.netAmount())
			.param("tax", a.taxAmount())
			.param("currency", a.currency())
			.param("reason", a.reason())
			.param("status", a.status().name())
			.param("by", a.requestedBy())
			.param("now", a.createdAt())
			.update();
	}

	void updateProcessInstance(UUID id, String processInstanceId) {
		RequestTable.recordProcessInstance(jdbc, "adjustment", id, processInstanceId);
	}

	/** Moves an open adjustment on; false when it is no longer open (a repeat). */
	boolean updateStatus(UUID id, AdjustmentStatus status, String approvedBy, String note, UUID creditMemoId,
			OffsetDateTime now) {
		return approve(id, status, approvedBy, note, creditMemoId, null, null, now);
	}

	/**
	 * Moves an open adjustment on, with what of it was refunded and what waits to lower captures (null:
	 * unchanged); false when it is no longer open (a repeat).
	 */
	boolean approve(UUID id, AdjustmentStatus status, String approvedBy, String note, UUID creditMemoId,
			BigDecimal refunded, BigDecimal pending, OffsetDateTime now) {
		return jdbc.sql("""
				update adjustment set status = :status, approved_by = coalesce(:approvedBy, approved_by),
				  decision_note = coalesce(:note, decision_note), credit_memo_id = coalesce(:memo, credit_memo_id),
				  refunded_amount = coalesce(:refunded, refunded_amount), pending_amount = coalesce(:pending, pending_amount),
				  updated_at = :now
				where id = :id and status in ('REQUESTED', 'PENDING_APPROVAL')""")
			.param("status", status.name())
			.param("approvedBy", approvedBy)
			.param("note", note)
			.param("memo", creditMemoId)
			.param("refunded", refunded)
			.param("pending", pending)
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * What the adjustment's pending part did so far: taken off captures, lapsed, and the status that follows;
	 * only while it awaits captures (false otherwise: a repeat, or not such an adjustment).
	 */
	boolean recordPendingCredit(UUID id, BigDecimal lowered, BigDecimal lapsed, AdjustmentStatus status,
			OffsetDateTime now) {
		return jdbc.sql("""
				update adjustment set capture_lowered_amount = :lowered, lapsed_amount = :lapsed, status = :status,
				  updated_at = :now
				where id = :id and status = 'AWAITING_CAPTURE'""")
			.param("lowered", lowered)
			.param("lapsed", lapsed)
			.param("status", status.name())
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * What the order's adjustments that are open or approved take from one line ({@code lineNumber}) or
	 * from shipping ({@code null}): their amounts, but for what lapsed.
	 */
	BigDecimal held(UUID orderId, Integer lineNumber) {
		return jdbc.sql("select coalesce(sum(amount - lapsed_amount), 0) from adjustment where order_id = :orderId"
				+ " and status <> 'REJECTED' and " + (lineNumber == null ? "target = 'SHIPPING'"
						: "target = 'LINE' and line_number = :line"))
			.param("orderId", orderId)
			.param("line", lineNumber)
			.query(BigDecimal.class)
			.single();
	}

	Optional<Adjustment> find(UUID id) {
		return table.find(id);
	}

	List<Adjustment> ofOrder(UUID orderId) {
		return table.ofOrder(orderId, "id");
	}

	private static Adjustment row(ResultSet rs, int n) throws SQLException {
		String currency = rs.getString("currency");
		int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
		Object line = rs.getObject("line_number");
		String memo = rs.getString("credit_memo_id");
		return new Adjustment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), Adjustment.Target.valueOf(rs.getString("target")),
				line == null ? null : ((Number) line).intValue(), Adjustment.Kind.valueOf(rs.getString("kind")),
				rs.getBigDecimal("requested_value").stripTrailingZeros(),
				rs.getBigDecimal("amount").setScale(scale, java.math.RoundingMode.HALF_UP),
				rs.getBigDecimal("net_amount").setScale(scale, java.math.RoundingMode.HALF_UP),
				rs.getBigDecimal("tax_amount").setScale(scale, java.math.RoundingMode.HALF_UP), currency,
				rs.getString("reason"), AdjustmentStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
				rs.getString("approved_by"), rs.getString("decision_note"),
				memo == null ? null : UUID.fromString(memo), rs.getString("process_instance_id"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				money(rs, "refunded_amount", scale), money(rs, "pending_amount", scale),
				money(rs, "capture_lowered_amount", scale), money(rs, "lapsed_amount", scale));
	}

	private static BigDecimal money(ResultSet rs, String column, int scale) throws SQLException {
		return rs.getBigDecimal(column).setScale(scale, java.math.RoundingMode.HALF_UP);
	}

}
