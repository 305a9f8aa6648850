package io.orderflow.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over invoice and invoice_line. */
@Repository
class InvoiceRepository {

	private static final String INVOICE_COLUMNS = """
			id, invoice_number, order_id, fulfillment_order_id, fulfillment_order_number, currency, net_amount,
			tax_amount, shipping_amount, total_amount, status, created_at, issued_at""";

	private final JdbcClient jdbc;

	InvoiceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the order's invoice number {@code sequenceNumber} (1, 2, ...). Fails with a
	 * DuplicateKeyException when the fulfillment order (or the invoice number) is already invoiced, or when
	 * a concurrent invoice of the same order took the sequence number.
	 */
	void insert(Invoice invoice, int sequenceNumber) {
		jdbc.sql("""
				insert into invoice (id, invoice_number, order_id, sequence_number, fulfillment_order_id,
				  fulfillment_order_number, currency, net_amount, tax_amount, shipping_amount, total_amount, status,
				  created_at)
				values (:id, :number, :orderId, :sequenceNumber, :fulfillmentOrderId, :fulfillmentOrderNumber,
				  :currency, :net, :tax, :shipping, :total, :status, :createdAt)""")
			.param("id", invoice.id())
			.param("number", invoice.invoiceNumber())
			.param("orderId", invoice.orderId())
			.param("sequenceNumber", sequenceNumber)
			.param("fulfillmentOrderId", invoice.fulfillmentOrderId())
			.param("fulfillmentOrderNumber", invoice.fulfillmentOrderNumber())
			.param("currency", invoice.currency())
			.param("net", invoice.netAmount())
			.param("tax", invoice.taxAmount())
			.param("shipping", invoice.shippingAmount())
			.param("total", invoice.totalAmount())
			.param("status", invoice.status().name())
			.param("createdAt", invoice.createdAt())
			.update();
		for (Invoice.Line line : invoice.lines()) {
			jdbc.sql("""
					insert into invoice_line (invoice_id, line_number, order_line_id, sku, quantity, unit_price,
					  net_amount, tax_amount, total_amount)
					values (:invoiceId, :lineNumber, :orderLineId, :sku, :quantity, :unitPrice, :net, :tax, :total)""")
				.param("invoiceId", invoice.id())
				.param("lineNumber", line.lineNumber())
				.param("orderLineId", line.orderLineId())
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.param("unitPrice", line.unitPrice())
				.param("net", line.netAmount())
				.param("tax", line.taxAmount())
				.param("total", line.totalAmount())
				.update();
		}
	}

	/** Marks a draft invoice as issued: its total was captured (or there was nothing to capture). */
	boolean issue(UUID invoiceId, UUID authorizationId, OffsetDateTime now) {
		return jdbc.sql("""
				update invoice set status = 'ISSUED', authorization_id = :authorizationId, issued_at = :now
				where id = :id and status = 'DRAFT'""")
			.param("authorizationId", authorizationId)
			.param("now", now)
			.param("id", invoiceId)
			.update() == 1;
	}

	boolean numberTaken(String invoiceNumber) {
		return jdbc.sql("select count(*) from invoice where invoice_number = :number")
			.param("number", invoiceNumber)
			.query(Long.class)
			.single() > 0;
	}

	Optional<Invoice> findByFulfillmentOrder(UUID fulfillmentOrderId) {
		return withLines(jdbc.sql("select " + INVOICE_COLUMNS + " from invoice where fulfillment_order_id = :id")
			.param("id", fulfillmentOrderId)
			.query(InvoiceRepository::mapInvoice)
			.list()).stream().findFirst();
	}

	/** The order's invoices, drafts included, in the order they were made. */
	List<Invoice> ofOrder(UUID orderId) {
		return withLines(jdbc
			.sql("select " + INVOICE_COLUMNS + " from invoice where order_id = :orderId order by sequence_number")
			.param("orderId", orderId)
			.query(InvoiceRepository::mapInvoice)
			.list());
	}

	private List<Invoice> withLines(List<Invoice> invoices) {
		if (invoices.isEmpty()) {
			return invoices;
		}
		Map<UUID, String> currencies = new LinkedHashMap<>();
		invoices.forEach(invoice -> currencies.put(invoice.id(), invoice.currency()));
		Map<UUID, List<Invoice.Line>> lines = new LinkedHashMap<>();
		jdbc.sql("""
				select invoice_id, line_number, order_line_id, sku, quantity, unit_price, net_amount, tax_amount,
				  total_amount
				from invoice_line where invoice_id in (:ids) order by invoice_id, line_number""")
			.param("ids", currencies.keySet())
			.query(rs -> {
				UUID invoiceId = rs.getObject("invoice_id", UUID.class);
				String currency = currencies.get(invoiceId);
				lines.computeIfAbsent(invoiceId, id -> new ArrayList<>())
					.add(new Invoice.Line(rs.getInt("line_number"), rs.getObject("order_line_id", UUID.class),
							rs.getString("sku"), rs.getInt("quantity"), Money.of(rs.getBigDecimal("unit_price"), currency),
							Money.of(rs.getBigDecimal("net_amount"), currency),
							Money.of(rs.getBigDecimal("tax_amount"), currency),
							Money.of(rs.getBigDecimal("total_amount"), currency)));
			});
		return invoices.stream()
			.map(i -> new Invoice(i.id(), i.invoiceNumber(), i.orderId(), i.fulfillmentOrderId(),
					i.fulfillmentOrderNumber(), i.currency(), i.netAmount(), i.taxAmount(), i.shippingAmount(),
					i.totalAmount(), i.status(), i.createdAt(), i.issuedAt(), List.copyOf(lines.getOrDefault(i.id(),
							List.of()))))
			.toList();
	}

	private static Invoice mapInvoice(ResultSet rs, int rowNum) throws SQLException {
		String currency = rs.getString("currency");
		return new Invoice(rs.getObject("id", UUID.class), rs.getString("invoice_number"),
				rs.getObject("order_id", UUID.class), rs.getObject("fulfillment_order_id", UUID.class),
				rs.getString("fulfillment_order_number"), currency, Money.of(rs.getBigDecimal("net_amount"), currency),
				Money.of(rs.getBigDecimal("tax_amount"), currency),
				Money.of(rs.getBigDecimal("shipping_amount"), currency),
				Money.of(rs.getBigDecimal("total_amount"), currency), Invoice.Status.valueOf(rs.getString("status")),
				PaymentRepository.timestamp(rs, "created_at"), PaymentRepository.timestamp(rs, "issued_at"), List.of());
	}

}
