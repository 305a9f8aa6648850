package io.orderflow.platform;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The first answer to each {@code Idempotency-Key}, per principal and operation (e.g.
 * {@code POST /api/orders}, {@code POST /api/orders/{id}/cancellations}). The primary key,
 * not a look-up, decides which of two concurrent requests with one key goes first.
 */
@Repository
public class IdempotencyRecords {

	public record StoredAnswer(String requestHash, int status, String resourceId) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	public IdempotencyRecords(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Claims the key inside the caller's transaction; a concurrent claim waits for it, then fails. */
	public void claim(String principal, String operation, String key, String requestHash) {
		jdbc.sql("""
				insert into idempotency_record (principal, operation, idempotency_key, request_hash, response_status,
				  resource_id, created_at)
				values (:principal, :operation, :key, :hash, 0, null, :now)""")
			.param("principal", principal)
			.param("operation", operation)
			.param("key", key)
			.param("hash", requestHash)
			.param("now", OffsetDateTime.now(clock))
			.update();
	}

	public void complete(String principal, String operation, String key, int status, String resourceId) {
		jdbc.sql("""
				update idempotency_record set response_status = :status, resource_id = :resourceId
				where principal = :principal and operation = :operation and idempotency_key = :key""")
			.param("status", status)
			.param("resourceId", resourceId)
			.param("principal", principal)
			.param("operation", operation)
			.param("key", key)
			.update();
	}

	public Optional<StoredAnswer> find(String principal, String operation, String key) {
		return jdbc.sql("""
				select request_hash, response_status, resource_id from idempotency_record
				where principal = :principal and operation = :operation and idempotency_key = :key""")
			.param("principal", principal)
			.param("operation", operation)
			.param("key", key)
			.query((rs, n) -> new StoredAnswer(rs.getString("request_hash"), rs.getInt("response_status"),
					rs.getString("resource_id")))
			.optional();
	}

}
