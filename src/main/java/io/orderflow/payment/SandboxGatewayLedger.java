package io.orderflow.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Plain JDBC over the sandbox provider's own tables ({@code sandbox_gateway_*}). The callers decide the
 * transactions: the sandbox runs each of its calls in a transaction of its own.
 */
@Repository
class SandboxGatewayLedger {

	static final String AUTHORIZED = "AUTHORIZED";

	static final String VOIDED = "VOIDED";

	record Authorization(String reference, String token, BigDecimal amount, String currency, BigDecimal captured,
			BigDecimal refunded, String status, OffsetDateTime expiresAt) {

		BigDecimal uncaptured() {
			return amount.subtract(captured);
		}

	}

	record Capture(String reference, String authorizationReference, BigDecimal amount, BigDecimal refunded) {
	}

	record Operation(String type, String parametersHash, String resultReference, BigDecimal resultAmount) {
	}

	private static final String AUTHORIZATION_COLUMNS = """
			reference, token, amount, currency, captured, refunded, status, expires_at""";

	private final JdbcClient jdbc;

	SandboxGatewayLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Operation> operation(String idempotencyKey) {
		return jdbc.sql("""
				select type, parameters_hash, result_reference, result_amount from sandbox_gateway_operation
				where idempotency_key = :key""")
			.param("key", idempotencyKey)
			.query((rs, n) -> new Operation(rs.getString("type"), rs.getString("parameters_hash"),
					rs.getString("result_reference"), rs.getBigDecimal("result_amount")))
			.optional();
	}

	/** Records a successful call; a concurrent call with the same key makes this fail (primary key). */
	void insertOperation(String idempotencyKey, String type, String parametersHash, String resultReference,
			BigDecimal resultAmount, OffsetDateTime now) {
		jdbc.sql("""
				insert into sandbox_gateway_operation (idempotency_key, type, parameters_hash, result_reference,
				  result_amount, created_at)
				values (:key, :type, :hash, :reference, :amount, :now)""")
			.param("key", idempotencyKey)
			.param("type", type)
			.param("hash", parametersHash)
			.param("reference", resultReference)
			.param("amount", resultAmount)
			.param("now", now)
			.update();
	}

	/** Counts one more attempt of a key and returns how many there were, this one included. */
	int countAttempt(String idempotencyKey, OffsetDateTime now) {
		int updated = jdbc.sql("""
				update sandbox_gateway_attempt set attempts = attempts + 1, last_attempt_at = :now
				where idempotency_key = :key""").param("key", idempotencyKey).param("now", now).update();
		if (updated == 0) {
			// a concurrent first attempt makes this fail with a DuplicateKeyException; the caller retries
			jdbc.sql("""
					insert into sandbox_gateway_attempt (idempotency_key, attempts, last_attempt_at)
					values (:key, 1, :now)""").param("key", idempotencyKey).param("now", now).update();
		}
		return jdbc.sql("select attempts from sandbox_gateway_attempt where idempotency_key = :key")
			.param("key", idempotencyKey)
			.query(Integer.class)
			.single();
	}

	void insertAuthorization(String reference, String token, BigDecimal amount, String currency,
			String orderReference, OffsetDateTime now, OffsetDateTime expiresAt) {
		jdbc.sql("""
				insert into sandbox_gateway_authorization (reference, token, amount, currency, captured, refunded,
				  status, order_reference, created_at, expires_at)
				values (:reference, :token, :amount, :currency, 0, 0, 'AUTHORIZED', :orderReference, :now,
				  :expiresAt)""")
			.param("reference", reference)
			.param("token", token)
			.param("amount", amount)
			.param("currency", currency)
			.param("orderReference", orderReference)
			.param("now", now)
			.param("expiresAt", expiresAt)
			.update();
	}

	Optional<Authorization> authorization(String reference) {
		return jdbc.sql("select " + AUTHORIZATION_COLUMNS + " from sandbox_gateway_authorization where reference = :ref")
			.param("ref", reference)
			.query(SandboxGatewayLedger::mapAuthorization)
			.optional();
	}

	/** Reads an authorization and locks it until the transaction ends: calls on it take turns. */
	Optional<Authorization> lockAuthorization(String reference) {
		return jdbc
			.sql("select " + AUTHORIZATION_COLUMNS
					+ " from sandbox_gateway_authorization where reference = :ref for update")
			.param("ref", reference)
			.query(SandboxGatewayLedger::mapAuthorization)
			.optional();
	}

	void addCaptured(String reference, BigDecimal amount) {
		jdbc.sql("update sandbox_gateway_authorization set captured = captured + :amount where reference = :ref")
			.param("amount", amount)
			.param("ref", reference)
			.update();
	}

	void addRefunded(String authorizationReference, String captureReference, BigDecimal amount) {
		jdbc.sql("update sandbox_gateway_authorization set refunded = refunded + :amount where reference = :ref")
			.param("amount", amount)
			.param("ref", authorizationReference)
			.update();
		jdbc.sql("update sandbox_gateway_capture set refunded = refunded + :amount where reference = :ref")
			.param("amount", amount)
			.param("ref", captureReference)
			.update();
	}

	void voidAuthorization(String reference, String replacedBy) {
		jdbc.sql("update sandbox_gateway_authorization set status = 'VOIDED', replaced_by = :replacedBy "
				+ "where reference = :ref")
			.param("replacedBy", replacedBy)
			.param("ref", reference)
			.update();
	}

	/** The order reference the authorization was made for, carried over to its renewal. */
	String orderReference(String authorizationReference) {
		return jdbc.sql("select order_reference from sandbox_gateway_authorization where reference = :ref")
			.param("ref", authorizationReference)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	void insertCapture(String reference, String authorizationReference, BigDecimal amount, String invoiceNumber,
			OffsetDateTime now) {
		jdbc.sql("""
				insert into sandbox_gateway_capture (reference, authorization_reference, amount, refunded,
				  invoice_number, created_at)
				values (:reference, :authorization, :amount, 0, :invoiceNumber, :now)""")
			.param("reference", reference)
			.param("authorization", authorizationReference)
			.param("amount", amount)
			.param("invoiceNumber", invoiceNumber)
			.param("now", now)
			.update();
	}

	Optional<Capture> capture(String reference) {
		return jdbc.sql("""
				select reference, authorization_reference, amount, refunded from sandbox_gateway_capture
				where reference = :ref""")
			.param("ref", reference)
			.query((rs, n) -> new Capture(rs.getString("reference"), rs.getString("authorization_reference"),
					rs.getBigDecimal("amount"), rs.getBigDecimal("refunded")))
			.optional();
	}

	private static Authorization mapAuthorization(ResultSet rs, int rowNum) throws SQLException {
		return new Authorization(rs.getString("reference"), rs.getString("token"), rs.getBigDecimal("amount"),
				rs.getString("currency"), rs.getBigDecimal("captured"), rs.getBigDecimal("refunded"),
				rs.getString("status"),
				rs.getObject("expires_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
	}

}
