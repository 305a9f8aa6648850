package io.orderflow.payment;

import java.math.BigDecimal;
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

/** Plain JDBC over credit_memo, credit_memo_item and credit_memo_refund. */
@Repository
class CreditMemoRepository {

	private static final String COLUMNS = """
			id, credit_memo_number, order_id, source_key, currency, net_amount, tax_amount, shipping_amount,
			fee_amount, total_amount, status, reason, created_at, issued_at""";

	/** A capture of an order: its provider reference and amount. */
	record Capture(String reference, BigDecimal amount) {
	}

	private final JdbcClient jdbc;

	CreditMemoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the order's credit memo number {@code sequenceNumber}. Fails with a DuplicateKeyException when
	 * the source already has a credit memo, or a concurrent credit memo of the order took the number.
	 */
	void insert(CreditMemo memo, int sequenceNumber) {
		insert(memo, sequenceNumber, null, null);
	}

	/**
	 * Stores a credit memo made with invoice {@code invoiceId} for the pending credit {@code pendingCreditId}
	 * (both null for an ordinary credit memo): it is issued with the invoice and lowers its capture.
	 */
	void insert(CreditMemo memo, int sequenceNumber, UUID invoiceId, UUID pendingCreditId) {
		jdbc.sql("""
				insert into credit_memo (id, credit_memo_number, order_id, sequence_number, source_key, currency,
				  net_amount, tax_amount, shipping_amount, fee_amount, total_amount, status, reason, created_at,
				  invoice_id, pending_credit_id)
				values (:id, :number, :orderId, :sequenceNumber, :sourceKey, :currency, :net, :tax, :shipping, :fee,
				  :total, :status, :reason, :createdAt, :invoiceId, :pendingCreditId)""")
			.param("invoiceId", invoiceId)
			.param("pendingCreditId", pendingCreditId)
			.param("id", memo.id())
			.param("number", memo.creditMemoNumber())
			.param("orderId", memo.orderId())
			.param("sequenceNumber", sequenceNumber)
			.param("sourceKey", memo.sourceKey())
			.param("currency", memo.currency())
			.param("net", memo.netAmount())
			.param("tax", memo.taxAmount())
			.param("shipping", memo.shippingAmount())
			.param("fee", memo.feeAmount())
			.param("total", memo.totalAmount())
			.param("status", memo.status().name())
			.param("reason", memo.reason())
			.param("createdAt", memo.createdAt())
			.update();
		int position = 0;
		for (CreditMemoItem item : memo.items()) {
			jdbc.sql("""
					insert into credit_memo_item (credit_memo_id, position, line_number, quantity, net_amount, tax_amount)
					values (:id, :position, :lineNumber, :quantity, :net, :tax)""")
				.param("id", memo.id())
				.param("position", ++position)
				.param("lineNumber", item.lineNumber())
				.param("quantity", item.quantity())
				.param("net", item.netAmount())
				.param("tax", item.taxAmount())
				.update();
		}
		for (CreditMemo.Refund refund : memo.refunds()) {
			jdbc.sql("""
					insert into credit_memo_refund (credit_memo_id, capture_reference, amount)
					values (:id, :captureReference, :amount)""")
				.param("id", memo.id())
				.param("captureReference", refund.captureReference())
				.param("amount", refund.amount())
				.update();
		}
	}

	boolean issue(UUID creditMemoId, OffsetDateTime now) {
		return jdbc.sql("update credit_memo set status = 'ISSUED', issued_at = :now where id = :id and status = 'DRAFT'")
			.param("now", now)
			.param("id", creditMemoId)
			.update() == 1;
	}

	/** Issues the draft credit memos made with an invoice, when the invoice is issued. */
	int issueOfInvoice(UUID invoiceId, OffsetDateTime now) {
		return jdbc.sql("""
				update credit_memo set status = 'ISSUED', issued_at = :now
				where invoice_id = :invoiceId and status = 'DRAFT'""")
			.param("now", now)
			.param("invoiceId", invoiceId)
			.update();
	}

	/** The credit memos made with an invoice for pending credits, in the order they were made. */
	List<CreditMemo> ofInvoice(UUID invoiceId) {
		return complete(jdbc
			.sql("select " + COLUMNS + " from credit_memo where invoice_id = :invoiceId order by sequence_number")
			.param("invoiceId", invoiceId)
			.query(CreditMemoRepository::map)
			.list());
	}

	/**
	 * The order's credit memos that count against what was paid: all of them but those made with an
	 * invoice that is not issued yet (its capture is still to come).
	 */
	List<CreditMemo> againstPaid(UUID orderId) {
		return complete(jdbc.sql("select " + COLUMNS + " from credit_memo c where order_id = :orderId"
				+ " and (invoice_id is null or exists (select 1 from invoice i where i.id = c.invoice_id"
				+ " and i.status = 'ISSUED')) order by sequence_number")
			.param("orderId", orderId)
			.query(CreditMemoRepository::map)
			.list());
	}

	boolean numberTaken(String creditMemoNumber) {
		return jdbc.sql("select count(*) from credit_memo where credit_memo_number = :number")
			.param("number", creditMemoNumber)
			.query(Long.class)
			.single() > 0;
	}

	Optional<CreditMemo> findBySource(String sourceKey) {
		return complete(jdbc.sql("select " + COLUMNS + " from credit_memo where source_key = :key")
			.param("key", sourceKey)
			.query(CreditMemoRepository::map)
			.list()).stream().findFirst();
	}

	/** The order's credit memos, drafts included, in the order they were made. */
	List<CreditMemo> ofOrder(UUID orderId) {
		return complete(jdbc
			.sql("select " + COLUMNS + " from credit_memo where order_id = :orderId order by sequence_number")
			.param("orderId", orderId)
			.query(CreditMemoRepository::map)
			.list());
	}

	/** The order's successful captures, oldest first. */
	List<Capture> captures(UUID orderId) {
		return jdbc.sql("""
				select gateway_reference, amount from payment_transaction
				where order_id = :orderId and type = 'CAPTURE' and status = 'SUCCEEDED'
				order by created_at, id""")
			.param("orderId", orderId)
			.query((rs, n) -> new Capture(rs.getString(1), rs.getBigDecimal(2)))
			.list();
	}

	private List<CreditMemo> complete(List<CreditMemo> memos) {
		if (memos.isEmpty()) {
			return memos;
		}
		Map<UUID, String> currencies = new LinkedHashMap<>();
		memos.forEach(memo -> currencies.put(memo.id(), memo.currency()));
		Map<UUID, List<CreditMemoItem>> items = new LinkedHashMap<>();
		jdbc.sql("""
				select credit_memo_id, line_number, quantity, net_amount, tax_amount from credit_memo_item
				where credit_memo_id in (:ids) order by credit_memo_id, position""")
			.param("ids", currencies.keySet())
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				String currency = currencies.get(id);
				items.computeIfAbsent(id, k -> new ArrayList<>())
					.add(new CreditMemoItem(rs.getInt(2), rs.getInt(3), Money.of(rs.getBigDecimal(4), currency),
							Money.of(rs.getBigDecimal(5), currency)));
			});
		Map<UUID, List<CreditMemo.Refund>> refunds = new LinkedHashMap<>();
		jdbc.sql("""
				select credit_memo_id, capture_reference, amount from credit_memo_refund
				where credit_memo_id in (:ids) order by credit_memo_id, capture_reference""")
			.param("ids", currencies.keySet())
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				refunds.computeIfAbsent(id, k -> new ArrayList<>())
					.add(new CreditMemo.Refund(rs.getString(2), Money.of(rs.getBigDecimal(3), currencies.get(id))));
			});
		return memos.stream()
			.map(m -> new CreditMemo(m.id(), m.creditMemoNumber(), m.orderId(), m.sourceKey(), m.currency(),
					m.netAmount(), m.taxAmount(), m.shippingAmount(), m.feeAmount(), m.totalAmount(), m.status(),
					m.reason(), m.createdAt(), m.issuedAt(), List.copyOf(items.getOrDefault(m.id(), List.of())),
					List.copyOf(refunds.getOrDefault(m.id(), List.of()))))
			.toList();
	}

	private static CreditMemo map(ResultSet rs, int rowNum) throws SQLException {
		String currency = rs.getString("currency");
		return new CreditMemo(rs.getObject("id", UUID.class), rs.getString("credit_memo_number"),
				rs.getObject("order_id", UUID.class), rs.getString("source_key"), currency,
				Money.of(rs.getBigDecimal("net_amount"), currency), Money.of(rs.getBigDecimal("tax_amount"), currency),
				Money.of(rs.getBigDecimal("shipping_amount"), currency),
				Money.of(rs.getBigDecimal("fee_amount"), currency), Money.of(rs.getBigDecimal("total_amount"), currency),
				CreditMemo.Status.valueOf(rs.getString("status")), rs.getString("reason"),
				PaymentRepository.timestamp(rs, "created_at"), PaymentRepository.timestamp(rs, "issued_at"), List.of(),
				List.of());
	}

}
