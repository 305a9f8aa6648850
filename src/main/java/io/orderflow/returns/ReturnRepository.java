package io.orderflow.returns;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.Order;
import io.orderflow.service.RequestTable;
import io.orderflow.service.UnitsInFlight;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The return tables (V7__returns.sql), plain JDBC. */
@Repository
class ReturnRepository implements UnitsInFlight {

	private static final String COLUMNS = """
			r.id, r.order_id, r.order_number, r.rma_number, r.status, r.requested_by, r.location_id, r.status_reason,
			r.note, r.decision_note, r.credit_memo_number, r.refund_amount, r.fee_amount, r.currency, r.process_instance_id,
			r.created_at, r.updated_at""";

	private final JdbcClient jdbc;

	private final RequestTable<ReturnOrder> table;

	ReturnRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.table = new RequestTable<>(jdbc, "return_order r", COLUMNS, (rs, n) -> row(rs), this::withLines);
	}



	int countOfOrder(UUID orderId) {
		return jdbc.sql("select count(*) from return_order where order_id = :id")
			.param("id", orderId)
			.query(Integer.class)
			.single();
	}

	record NewLine(int lineNumber, int quantity, ReturnReason reason) {
	}

	void insert(UUID id, Order order, String rmaNumber, String requestedBy, String locationId, String note,
			List<NewLine> lines, OffsetDateTime now) {
		jdbc.sql("""
				insert into return_order (id, order_id, order_number, currency, rma_number, status, requested_by,
				  location_id, note, created_at, updated_at)
				values (:id, :orderId, :orderNumber, :currency, :rma, 'REQUESTED', :by, :location, :note, :now, :now)""")
			.param("id", id)
			.param("orderId", order.id())
			.param("orderNumber", order.orderNumber())
			.param("currency", order.currency())
			.param("rma", rmaNumber)
			.param("by", requestedBy)
			.param("location", locationId)
			.param("note", note)
			.param("now", now)
			.update();
		for (NewLine line : lines) {
			jdbc.sql("""
					insert into return_order_line (return_order_id, line_number, sku, quantity, reason)
					values (:id, :line, :sku, :quantity, :reason)""")
				.param("id", id)
				.param("line", line.lineNumber())
				.param("sku", order.line(line.lineNumber()).sku())
				.param("quantity", line.quantity())
				.param("reason", line.reason().name())
				.update();
		}
	}

	void updateProcessInstance(UUID id, String processInstanceId) {
		RequestTable.recordProcessInstance(jdbc, "return_order", id, processInstanceId);
	}

	/**
	 * Moves the return from {@code from} to {@code to}; false when it is not in {@code from} (a repeat, or
	 * another event was first). The conditional update is what decides between racing changes.
	 */
	boolean transition(UUID id, ReturnStatus from, ReturnStatus to, String reason, OffsetDateTime now) {
		return RequestTable.move(jdbc, "return_order", id, from, to, reason, now);
	}

	void setDecisionNote(UUID id, String note) {
		jdbc.sql("update return_order set decision_note = :note where id = :id")
			.param("note", note)
			.param("id", id)
			.update();
	}

	void setLocation(UUID id, String locationId) {
		jdbc.sql("update return_order set location_id = :location where id = :id")
			.param("location", locationId)
			.param("id", id)
			.update();
	}

	void recordReceived(UUID id, int lineNumber, int received, Integer resellable, Integer damaged) {
		jdbc.sql("""
				update return_order_line set received = :received, resellable = :resellable, damaged = :damaged
				where return_order_id = :id and line_number = :line""")
			.param("received", received)
			.param("resellable", resellable)
			.param("damaged", damaged)
			.param("id", id)
			.param("line", lineNumber)
			.update();
	}

	/** Records the condition of a line's received units once; false when it was known already. */
	boolean recordCondition(UUID id, int lineNumber, int resellable, int damaged) {
		return jdbc.sql("""
				update return_order_line set resellable = :resellable, damaged = :damaged
				where return_order_id = :id and line_number = :line and resellable is null""")
			.param("resellable", resellable)
			.param("damaged", damaged)
			.param("id", id)
			.param("line", lineNumber)
			.update() == 1;
	}

	/** Marks a line's resellable units restocked; false when they were already (a retried job). */
	boolean markRestocked(UUID id, int lineNumber, int quantity) {
		return jdbc.sql("""
				update return_order_line set restocked = :quantity
				where return_order_id = :id and line_number = :line and restocked = 0""")
			.param("quantity", quantity)
			.param("id", id)
			.param("line", lineNumber)
			.update() == 1;
	}

	boolean markRefunded(UUID id, String creditMemoNumber, BigDecimal refund, BigDecimal fee, OffsetDateTime now) {
		return jdbc.sql("""
				update return_order set status = 'REFUNDED', credit_memo_number = :memo, refund_amount = :refund,
				  fee_amount = :fee, updated_at = :now
				where id = :id and status = 'RECEIVED'""")
			.param("memo", creditMemoNumber)
			.param("refund", refund)
			.param("fee", fee)
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	/** Units per line number that REQUESTED returns of the order ask for (approved ones are in returnInitiated). */
	@Override
	public Map<Integer, Integer> unitsInFlight(UUID orderId) {
		return RequestTable.unitsPerLine(jdbc, """
				select l.line_number, sum(l.quantity) from return_order_line l
				join return_order r on r.id = l.return_order_id
				where r.order_id = :orderId and r.status = 'REQUESTED'
				group by l.line_number""", orderId);
	}

	Optional<ReturnOrder> find(UUID id) {
		return table.find(id);
	}

	Optional<ReturnOrder> findByRma(String rmaNumber) {
		return table.findBy("rma_number", rmaNumber);
	}

	List<ReturnOrder> ofOrder(UUID orderId) {
		return table.ofOrder(orderId, "rma_number");
	}

	private static ReturnOrder row(ResultSet rs) throws SQLException {
		String currency = rs.getString("currency");
		return new ReturnOrder(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), rs.getString("rma_number"), ReturnStatus.valueOf(rs.getString("status")),
				rs.getString("requested_by"), rs.getString("location_id"), rs.getString("status_reason"),
				rs.getString("note"), rs.getString("decision_note"), rs.getString("credit_memo_number"),
				money(rs.getBigDecimal("refund_amount"), currency), money(rs.getBigDecimal("fee_amount"), currency),
				currency, rs.getString("process_instance_id"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				List.of());
	}

	private ReturnOrder withLines(ReturnOrder r) {
		List<ReturnOrder.Line> lines = new ArrayList<>(jdbc.sql("""
				select l.line_number, l.sku, l.quantity, l.reason, l.received, l.resellable, l.damaged, l.restocked
				from return_order_line l
				where l.return_order_id = :id order by l.line_number""")
			.param("id", r.id())
			.query((rs, n) -> new ReturnOrder.Line(rs.getInt(1), rs.getString(2), rs.getInt(3),
					ReturnReason.valueOf(rs.getString(4)), (Integer) rs.getObject(5, Integer.class),
					rs.getObject(6, Integer.class), rs.getObject(7, Integer.class), rs.getInt(8)))
			.list());
		return new ReturnOrder(r.id(), r.orderId(), r.orderNumber(), r.rmaNumber(), r.status(), r.requestedBy(),
				r.locationId(), r.statusReason(), r.note(), r.decisionNote(), r.creditMemoNumber(), r.refundAmount(),
				r.feeAmount(), r.currency(), r.processInstanceId(), r.createdAt(), r.updatedAt(), lines);
	}

	/** An amount as stored (4 decimals) at the currency's scale: "29.75", not "29.7500". */
	private static BigDecimal money(BigDecimal amount, String currency) {
		if (amount == null) {
			return null;
		}
		int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
		return amount.setScale(Math.max(scale, 0), java.math.RoundingMode.HALF_UP);
	}

}
