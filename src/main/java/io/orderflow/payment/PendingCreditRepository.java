package io.orderflow.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Plain JDBC over pending_credit (V11__lower_capture.sql). What a pending credit applied is read from its
 * credit memos (credit_memo.pending_credit_id): issued ones applied, drafts reserved.
 */
@Repository
class PendingCreditRepository {

	private static final String SELECT = """
			select p.id, p.order_id, p.source_key, p.line_number, p.currency, p.net_amount, p.tax_amount, p.amount,
			  p.lapsed_amount, p.status, p.reason, p.created_at, p.closed_at, p.credited_line_number, p.credited_quantity,
			  coalesce((select sum(c.total_amount) from credit_memo c
			            where c.pending_credit_id = p.id and c.status = 'ISSUED'), 0) as applied,
			  coalesce((select sum(c.total_amount) from credit_memo c
			            where c.pending_credit_id = p.id and c.status = 'DRAFT'), 0) as reserved,
			  coalesce((select sum(c.tax_amount) from credit_memo c where c.pending_credit_id = p.id), 0) as tax_taken
			from pending_credit p""";

	/**
	 * A pending credit with the tax its credit memos took so far (drafts included), and the units it credits when
	 * they are of another line than the one it lowers (an exchange's returned units), else nulls.
	 */
	record WithTax(PendingCredit credit, BigDecimal taxTaken, Integer creditedLineNumber, Integer creditedQuantity) {
	}

	private final JdbcClient jdbc;

	PendingCreditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Fails with a DuplicateKeyException when the source already has a pending credit. */
	void insert(PendingCredit credit, Integer creditedLineNumber, Integer creditedQuantity) {
		jdbc.sql("""
				insert into pending_credit (id, order_id, source_key, line_number, currency, net_amount, tax_amount,
				  amount, lapsed_amount, status, reason, created_at, credited_line_number, credited_quantity)
				values (:id, :orderId, :sourceKey, :line, :currency, :net, :tax, :amount, 0, 'PENDING', :reason, :now,
				  :creditedLine, :creditedQuantity)""")
			.param("creditedLine", creditedLineNumber)
			.param("creditedQuantity", creditedQuantity)
			.param("id", credit.id())
			.param("orderId", credit.orderId())
			.param("sourceKey", credit.sourceKey())
			.param("line", credit.lineNumber())
			.param("currency", credit.currency())
			.param("net", credit.netAmount())
			.param("tax", credit.taxAmount())
			.param("amount", credit.amount())
			.param("reason", credit.reason())
			.param("now", credit.createdAt())
			.update();
	}

	Optional<PendingCredit> findBySource(String sourceKey) {
		return jdbc.sql(SELECT + " where p.source_key = :key")
			.param("key", sourceKey)
			.query(PendingCreditRepository::map)
			.optional()
			.map(WithTax::credit);
	}

	Optional<PendingCredit> find(UUID id) {
		return jdbc.sql(SELECT + " where p.id = :id")
			.param("id", id)
			.query(PendingCreditRepository::map)
			.optional()
			.map(WithTax::credit);
	}

	/** The order's pending credits, oldest first: the order in which invoices apply them. */
	List<WithTax> ofOrder(UUID orderId) {
		return jdbc.sql(SELECT + " where p.order_id = :orderId order by p.created_at, p.id")
			.param("orderId", orderId)
			.query(PendingCreditRepository::map)
			.list();
	}

	/** Closes a PENDING credit as APPLIED or LAPSED (with what lapsed); false when it was already closed. */
	boolean close(UUID id, PendingCredit.Status status, BigDecimal lapsed, OffsetDateTime now) {
		return jdbc.sql("""
				update pending_credit set status = :status, lapsed_amount = :lapsed, closed_at = :now
				where id = :id and status = 'PENDING'""")
			.param("status", status.name())
			.param("lapsed", lapsed)
			.param("now", now)
			.param("id", id)
			.update() == 1;
	}

	private static WithTax map(ResultSet rs, int n) throws SQLException {
		String currency = rs.getString("currency");
		Object line = rs.getObject("line_number");
		PendingCredit credit = new PendingCredit(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("source_key"), line == null ? null : ((Number) line).intValue(), currency,
				Money.of(rs.getBigDecimal("net_amount"), currency), Money.of(rs.getBigDecimal("tax_amount"), currency),
				Money.of(rs.getBigDecimal("amount"), currency), Money.of(rs.getBigDecimal("applied"), currency),
				Money.of(rs.getBigDecimal("reserved"), currency), Money.of(rs.getBigDecimal("lapsed_amount"), currency),
				PendingCredit.Status.valueOf(rs.getString("status")), rs.getString("reason"),
				PaymentRepository.timestamp(rs, "created_at"), PaymentRepository.timestamp(rs, "closed_at"));
		Object creditedLine = rs.getObject("credited_line_number");
		Object creditedQuantity = rs.getObject("credited_quantity");
		return new WithTax(credit, Money.of(rs.getBigDecimal("tax_taken"), currency),
				creditedLine == null ? null : ((Number) creditedLine).intValue(),
				creditedQuantity == null ? null : ((Number) creditedQuantity).intValue());
	}

}
