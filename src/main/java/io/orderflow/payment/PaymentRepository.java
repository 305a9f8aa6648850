package io.orderflow.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.MoneySummary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over the payment ledger: payment_authorization and payment_transaction. */
@Repository
class PaymentRepository {

	private static final String AUTHORIZATION_COLUMNS = """
			id, order_id, gateway, gateway_reference, amount, captured, currency, status, authorized_at, expires_at,
			replaces_id""";

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Fails with a DuplicateKeyException when an authorization already exists for the key. */
	void insertAuthorization(PaymentAuthorization a, String idempotencyKey) {
		jdbc.sql("""
				insert into payment_authorization (id, order_id, gateway, gateway_reference, amount, captured,
				  currency, status, authorized_at, expires_at, idempotency_key, replaces_id)
				values (:id, :orderId, :gateway, :reference, :amount, :captured, :currency, :status, :authorizedAt,
				  :expiresAt, :key, :replacesId)""")
			.param("id", a.id())
			.param("orderId", a.orderId())
			.param("gateway", a.gateway())
			.param("reference", a.gatewayReference())
			.param("amount", a.amount())
			.param("captured", a.captured())
			.param("currency", a.currency())
			.param("status", a.status().name())
			.param("authorizedAt", a.authorizedAt())
			.param("expiresAt", a.expiresAt())
			.param("key", idempotencyKey)
			.param("replacesId", a.replacesId())
			.update();
	}

	/** The order's authorizations, oldest first. */
	List<PaymentAuthorization> authorizations(UUID orderId) {
		return jdbc
			.sql("select " + AUTHORIZATION_COLUMNS
					+ " from payment_authorization where order_id = :orderId order by authorized_at, id")
			.param("orderId", orderId)
			.query(PaymentRepository::mapAuthorization)
			.list();
	}

	/**
	 * What the order's open authorization leaves to capture once the draft invoices are paid: the largest
	 * uncaptured amount of an open authorization minus the draft invoices' totals; empty when no
	 * authorization is open. One statement, so one consistent view of both tables.
	 */
	Optional<BigDecimal> capturable(UUID orderId) {
		return jdbc.sql("""
				select
				  (select max(amount - captured) from payment_authorization
				   where order_id = :orderId and status = 'AUTHORIZED') as uncaptured,
				  (select coalesce(sum(total_amount), 0) from invoice
				   where order_id = :orderId and status = 'DRAFT') as drafts""")
			.param("orderId", orderId)
			.query((rs, n) -> {
				BigDecimal uncaptured = rs.getBigDecimal("uncaptured");
				return uncaptured == null ? Optional.<BigDecimal>empty()
						: Optional.of(uncaptured.subtract(rs.getBigDecimal("drafts")));
			})
			.single();
	}

	/**
	 * Locks the order's authorizations for the rest of the transaction: invoices are drafted, and pending
	 * credits scheduled, one after the other under this lock.
	 */
	void lockAuthorizations(UUID orderId) {
		jdbc.sql("select id from payment_authorization where order_id = :orderId for update")
			.param("orderId", orderId)
			.query()
			.listOfRows();
	}

	/** Adds a capture to an open authorization; it becomes CAPTURED when nothing is left. */
	boolean addCaptured(UUID authorizationId, BigDecimal amount, OffsetDateTime now) {
		return jdbc.sql("""
				update payment_authorization set captured = captured + :amount,
				  status = case when captured + :amount = amount then 'CAPTURED' else status end,
				  closed_at = case when captured + :amount = amount then :now else closed_at end
				where id = :id and status = 'AUTHORIZED' and captured + :amount <= amount""")
			.param("amount", amount)
			.param("now", now)
			.param("id", authorizationId)
			.update() == 1;
	}

	/** Closes an open authorization (VOIDED, RENEWED); false when it was no longer open. */
	boolean close(UUID authorizationId, PaymentAuthorization.Status status, OffsetDateTime now) {
		return jdbc.sql("""
				update payment_authorization set status = :status, closed_at = :now
				where id = :id and status = 'AUTHORIZED'""")
			.param("status", status.name())
			.param("now", now)
			.param("id", authorizationId)
			.update() == 1;
	}

	/**
	 * Records a successful call to the provider. A second successful transaction with the same key fails with
	 * a DuplicateKeyException: the database, not a look-up, keeps a success from being recorded twice.
	 */
	void insertSuccess(UUID id, UUID orderId, UUID authorizationId, PaymentTransaction.Type type, BigDecimal amount,
			String currency, String key, String reference, String documentNumber, OffsetDateTime at) {
		jdbc.sql("""
				insert into payment_transaction (id, order_id, authorization_id, type, amount, currency, status,
				  idempotency_key, succeeded_key, gateway_reference, document_number, created_at, last_attempt_at)
				values (:id, :orderId, :authorizationId, :type, :amount, :currency, 'SUCCEEDED', :key, :key,
				  :reference, :documentNumber, :at, :at)""")
			.param("id", id)
			.param("orderId", orderId)
			.param("authorizationId", authorizationId)
			.param("type", type.name())
			.param("amount", amount)
			.param("currency", currency)
			.param("key", key)
			.param("reference", reference)
			.param("documentNumber", documentNumber)
			.param("at", at)
			.update();
	}

	/** A failed call as recorded: its transaction's id and how often it was tried with this outcome. */
	record FailedAttempt(UUID transactionId, int attempts) {
	}

	/**
	 * Records a failed attempt of a call: the call's transaction with this result (one per idempotency key and
	 * result, {@code failed_key}) is made, or its attempts counted up with the latest reason. Fails with a
	 * DuplicateKeyException when a concurrent first attempt made the row meanwhile: run it again, in a new
	 * transaction.
	 */
	FailedAttempt recordFailedAttempt(UUID orderId, UUID authorizationId, PaymentTransaction.Type type,
			BigDecimal amount, String currency, String key, String documentNumber, String result, String reason,
			OffsetDateTime at) {
		String failedKey = key + "|" + result;
		int counted = jdbc.sql("""
				update payment_transaction set attempts = attempts + 1, failure_reason = :reason, last_attempt_at = :at
				where failed_key = :failedKey""")
			.param("reason", truncate(reason, 500))
			.param("at", at)
			.param("failedKey", failedKey)
			.update();
		if (counted == 0) {
			jdbc.sql("""
					insert into payment_transaction (id, order_id, authorization_id, type, amount, currency, status,
					  idempotency_key, failed_key, result, attempts, document_number, failure_reason, created_at,
					  last_attempt_at)
					values (:id, :orderId, :authorizationId, :type, :amount, :currency, 'FAILED', :key, :failedKey,
					  :result, 1, :documentNumber, :reason, :at, :at)""")
				.param("id", UUID.randomUUID())
				.param("orderId", orderId)
				.param("authorizationId", authorizationId)
				.param("type", type.name())
				.param("amount", amount)
				.param("currency", currency)
				.param("key", key)
				.param("failedKey", failedKey)
				.param("result", result)
				.param("documentNumber", documentNumber)
				.param("reason", truncate(reason, 500))
				.param("at", at)
				.update();
		}
		return jdbc.sql("select id, attempts from payment_transaction where failed_key = :failedKey")
			.param("failedKey", failedKey)
			.query((rs, n) -> new FailedAttempt(rs.getObject("id", UUID.class), rs.getInt("attempts")))
			.single();
	}

	/** Whether a call with the key succeeded. */
	boolean succeeded(String idempotencyKey) {
		return jdbc.sql("select count(*) from payment_transaction where succeeded_key = :key")
			.param("key", idempotencyKey)
			.query(Long.class)
			.single() > 0;
	}

	/** The order's transactions, in the order they happened. */
	List<PaymentTransaction> transactions(UUID orderId) {
		return jdbc.sql("""
				select id, order_id, authorization_id, type, amount, currency, status, result, idempotency_key,
				  gateway_reference, document_number, failure_reason, attempts, created_at, last_attempt_at
				from payment_transaction where order_id = :orderId order by created_at, id""")
			.param("orderId", orderId)
			.query((rs, n) -> {
				String currency = rs.getString("currency");
				return new PaymentTransaction(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
						rs.getObject("authorization_id", UUID.class),
						PaymentTransaction.Type.valueOf(rs.getString("type")),
						Money.of(rs.getBigDecimal("amount"), currency), currency,
						PaymentTransaction.Status.valueOf(rs.getString("status")), rs.getString("result"),
						rs.getString("idempotency_key"), rs.getString("gateway_reference"),
						rs.getString("document_number"), rs.getString("failure_reason"), rs.getInt("attempts"),
						timestamp(rs, "created_at"), timestamp(rs, "last_attempt_at"));
			})
			.list();
	}

	/** Open to capture, captured and refunded: what the order shows of its money. */
	MoneySummary moneySummary(UUID orderId, String currency) {
		return jdbc.sql("""
				select
				  coalesce((select sum(amount - captured) from payment_authorization
				            where order_id = :orderId and status = 'AUTHORIZED'), 0) as authorized,
				  coalesce((select sum(amount) from payment_transaction
				            where order_id = :orderId and type = 'CAPTURE' and status = 'SUCCEEDED'), 0) as captured,
				  coalesce((select sum(amount) from payment_transaction
				            where order_id = :orderId and type = 'REFUND' and status = 'SUCCEEDED'), 0) as refunded""")
			.param("orderId", orderId)
			.query((rs, n) -> new MoneySummary(Money.of(rs.getBigDecimal("authorized"), currency),
					Money.of(rs.getBigDecimal("captured"), currency), Money.of(rs.getBigDecimal("refunded"), currency)))
			.single();
	}

	/**
	 * {@link #moneySummary} of several orders (id to currency) in two queries, by order id; an order without
	 * payments has zeros.
	 */
	Map<UUID, MoneySummary> moneySummaries(Map<UUID, String> currencies) {
		Map<UUID, BigDecimal[]> sums = new HashMap<>();
		currencies.keySet().forEach(id -> sums.put(id, new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO }));
		jdbc.sql("""
				select order_id, sum(amount - captured) from payment_authorization
				where order_id in (:ids) and status = 'AUTHORIZED' group by order_id""")
			.param("ids", currencies.keySet())
			.query(rs -> {
				sums.get(rs.getObject(1, UUID.class))[0] = rs.getBigDecimal(2);
			});
		jdbc.sql("""
				select order_id, type, sum(amount) from payment_transaction
				where order_id in (:ids) and type in ('CAPTURE', 'REFUND') and status = 'SUCCEEDED'
				group by order_id, type""")
			.param("ids", currencies.keySet())
			.query(rs -> {
				sums.get(rs.getObject(1, UUID.class))["CAPTURE".equals(rs.getString(2)) ? 1 : 2] = rs.getBigDecimal(3);
			});
		Map<UUID, MoneySummary> summaries = new LinkedHashMap<>();
		currencies.forEach((id, currency) -> {
			BigDecimal[] sum = sums.get(id);
			summaries.put(id, new MoneySummary(Money.of(sum[0], currency), Money.of(sum[1], currency),
					Money.of(sum[2], currency)));
		});
		return summaries;
	}

	Ledger ledger(UUID orderId, String currency) {
		return jdbc.sql("""
				select
				  coalesce((select sum(amount - captured) from payment_authorization
				            where order_id = :orderId and status = 'AUTHORIZED'), 0) as authorized,
				  coalesce((select sum(amount) from payment_authorization where order_id = :orderId), 0)
				    as total_authorized,
				  coalesce((select sum(amount) from payment_transaction
				            where order_id = :orderId and type = 'CAPTURE' and status = 'SUCCEEDED'), 0) as captured,
				  coalesce((select sum(amount) from payment_transaction
				            where order_id = :orderId and type = 'REFUND' and status = 'SUCCEEDED'), 0) as refunded,
				  coalesce((select sum(total_amount) from invoice
				            where order_id = :orderId and status = 'ISSUED'), 0) as invoiced,
				  coalesce((select sum(total_amount) from credit_memo
				            where order_id = :orderId and status = 'ISSUED'), 0) as credited""")
			.param("orderId", orderId)
			.query((rs, n) -> new Ledger(currency, Money.of(rs.getBigDecimal("authorized"), currency),
					Money.of(rs.getBigDecimal("captured"), currency), Money.of(rs.getBigDecimal("refunded"), currency),
					Money.of(rs.getBigDecimal("invoiced"), currency), Money.of(rs.getBigDecimal("credited"), currency),
					Money.of(rs.getBigDecimal("total_authorized"), currency)))
			.single();
	}

	private static PaymentAuthorization mapAuthorization(ResultSet rs, int rowNum) throws SQLException {
		String currency = rs.getString("currency");
		return new PaymentAuthorization(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("gateway"), rs.getString("gateway_reference"),
				Money.of(rs.getBigDecimal("amount"), currency), Money.of(rs.getBigDecimal("captured"), currency),
				currency, PaymentAuthorization.Status.valueOf(rs.getString("status")), timestamp(rs, "authorized_at"),
				timestamp(rs, "expires_at"), rs.getObject("replaces_id", UUID.class));
	}

	static OffsetDateTime timestamp(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static String truncate(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length);
	}

}
