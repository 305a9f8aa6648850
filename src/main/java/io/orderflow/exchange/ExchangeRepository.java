package io.orderflow.exchange;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.service.RequestTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The exchange tables (V55__exchanges.sql), plain JDBC. */
@Repository
class ExchangeRepository {

	private static final String COLUMNS = """
			e.id, e.order_id, e.order_number, e.status, e.reserve_on, e.status_reason, e.currency, e.returned_value,
			e.replacement_value, e.replacement_sku, e.replacement_name, e.replacement_quantity,
			e.replacement_unit_price, e.replacement_tax_rate, e.replacement_line_number, e.received_at_location,
			e.requested_by, e.process_instance_id, e.created_at, e.updated_at""";

	private final JdbcClient jdbc;

	private final RequestTable<Exchange> table;

	ExchangeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.table = new RequestTable<>(jdbc, "exchange e", COLUMNS, (rs, n) -> row(rs), this::withLines);
	}

	void insert(Exchange e) {
		jdbc.sql("""
				insert into exchange (id, order_id, order_number, status, currency, returned_value, replacement_value,
				  replacement_sku, replacement_name, replacement_quantity, replacement_unit_price, replacement_tax_rate,
				  requested_by, created_at, updated_at)
				values (:id, :orderId, :orderNumber, 'REQUESTED', :currency, :returned, :replacementValue, :sku, :name,
				  :quantity, :unitPrice, :taxRate, :by, :now, :now)""")
			.param("id", e.id())
			.param("orderId", e.orderId())
			.param("orderNumber", e.orderNumber())
			.param("currency", e.currency())
			.param("returned", e.returnedValue())
			.param("replacementValue", e.replacementValue())
			.param("sku", e.replacement().sku())
			.param("name", e.replacement().name())
			.param("quantity", e.replacement().quantity())
			.param("unitPrice", e.replacement().unitPrice())
			.param("taxRate", e.replacement().taxRate())
			.param("by", e.requestedBy())
			.param("now", e.createdAt())
			.update();
		for (Exchange.Line line : e.lines()) {
			jdbc.sql("""
					insert into exchange_line (exchange_id, line_number, sku, quantity, reason, paid_net, paid_tax)
					values (:id, :line, :sku, :quantity, :reason, :paidNet, :paidTax)""")
				.param("paidNet", line.paidNet())
				.param("paidTax", line.paidTax())
				.param("id", e.id())
				.param("line", line.lineNumber())
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.param("reason", line.reason())
				.update();
		}
	}

	void updateProcessInstance(UUID id, String processInstanceId) {
		RequestTable.recordProcessInstance(jdbc, "exchange", id, processInstanceId);
	}

	/** Moves the exchange from {@code from} to {@code to}; false when it is not in {@code from} (a repeat). */
	boolean move(UUID id, ExchangeStatus from, ExchangeStatus to, String reason, OffsetDateTime now) {
		return RequestTable.move(jdbc, "exchange", id, from, to, reason, now);
	}

	void recordReserveOn(UUID id, String reserveOn) {
		jdbc.sql("update exchange set reserve_on = :reserveOn where id = :id")
			.param("reserveOn", reserveOn)
			.param("id", id)
			.update();
	}

	void recordReplacementLine(UUID id, int lineNumber) {
		jdbc.sql("update exchange set replacement_line_number = :line where id = :id")
			.param("line", lineNumber)
			.param("id", id)
			.update();
	}

	void recordReceivedAt(UUID id, String locationId) {
		jdbc.sql("update exchange set received_at_location = :location where id = :id")
			.param("location", locationId)
			.param("id", id)
			.update();
	}

	/** Units per line number that the order's REQUESTED exchanges ask for (not yet counted on the lines). */
	Map<Integer, Integer> requestedUnits(UUID orderId) {
		return RequestTable.unitsPerLine(jdbc, """
				select l.line_number, sum(l.quantity) from exchange_line l
				join exchange e on e.id = l.exchange_id
				where e.order_id = :orderId and e.status = 'REQUESTED'
				group by l.line_number""", orderId);
	}

	Optional<Exchange> find(UUID id) {
		return table.find(id);
	}

	List<Exchange> ofOrder(UUID orderId) {
		return table.ofOrder(orderId, "id");
	}

	private static Exchange row(ResultSet rs) throws SQLException {
		String currency = rs.getString("currency");
		int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
		Object line = rs.getObject("replacement_line_number");
		return new Exchange(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), ExchangeStatus.valueOf(rs.getString("status")), rs.getString("reserve_on"),
				rs.getString("status_reason"), currency, money(rs, "returned_value", scale),
				money(rs, "replacement_value", scale),
				new Exchange.Replacement(rs.getString("replacement_sku"), rs.getString("replacement_name"),
						rs.getInt("replacement_quantity"), money(rs, "replacement_unit_price", scale),
						rs.getBigDecimal("replacement_tax_rate").stripTrailingZeros()),
				line == null ? null : ((Number) line).intValue(), rs.getString("received_at_location"),
				rs.getString("requested_by"), rs.getString("process_instance_id"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				List.of());
	}

	private static BigDecimal money(ResultSet rs, String column, int scale) throws SQLException {
		return rs.getBigDecimal(column).setScale(scale, java.math.RoundingMode.HALF_UP);
	}

	private Exchange withLines(Exchange e) {
		List<Exchange.Line> lines = jdbc.sql("""
				select line_number, sku, quantity, reason, paid_net, paid_tax from exchange_line
				where exchange_id = :id order by line_number""")
			.param("id", e.id())
			.query((rs, n) -> new Exchange.Line(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4),
					money(rs, "paid_net", e.returnedValue().scale()), money(rs, "paid_tax", e.returnedValue().scale())))
			.list();
		return new Exchange(e.id(), e.orderId(), e.orderNumber(), e.status(), e.reserveOn(), e.statusReason(),
				e.currency(), e.returnedValue(), e.replacementValue(), e.replacement(), e.replacementLineNumber(),
				e.receivedAtLocation(), e.requestedBy(), e.processInstanceId(), e.createdAt(), e.updatedAt(), lines);
	}

}
