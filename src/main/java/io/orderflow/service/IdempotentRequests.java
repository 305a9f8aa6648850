package io.orderflow.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.capture.IdempotencyKeyMismatchException;
import io.orderflow.platform.IdempotencyRecords;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How every service request over REST (cancellation, return, adjustment, reshipment) honours an
 * {@code Idempotency-Key}: the first request with a key stores its resource and the key in one transaction;
 * a repeat with the same body (same order, same JSON) is answered with that resource; the same key with
 * another body is refused; of two at once the key's primary key lets one through and the other replays it.
 */
@Component
public class IdempotentRequests {

	/** The resource, and whether it is the answer to an earlier request with the same key. */
	public record Outcome<T>(T resource, boolean replay) {
	}

	private final IdempotencyRecords records;

	private final ObjectMapper json;

	private final TransactionTemplate transaction;

	public IdempotentRequests(IdempotencyRecords records, ObjectMapper json, PlatformTransactionManager transactionManager) {
		this.records = records;
		this.json = json;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Runs {@code create} in a transaction of its own, once per key (every time without one).
	 * @param operation e.g. {@code POST /api/orders/{id}/returns}
	 * @param key the {@code Idempotency-Key}, or null
	 * @param find the stored resource by its id, for a replay
	 * @param id the id of a created resource, stored with the key
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public <T> Outcome<T> once(String operation, String principal, String key, UUID orderId, Object request,
			Function<UUID, Optional<T>> find, Function<T, UUID> id, Supplier<T> create) {
		String hash = key == null ? null : hash(operation, orderId, request);
		if (key != null) {
			Optional<Outcome<T>> replay = replay(operation, principal, key, hash, find);
			if (replay.isPresent()) {
				return replay.get();
			}
		}
		try {
			return transaction.execute(tx -> {
				if (key != null) {
					records.claim(principal, operation, key, hash);
				}
				T created = create.get();
				if (key != null) {
					records.complete(principal, operation, key, 202, id.apply(created).toString());
				}
				return new Outcome<>(created, false);
			});
		}
		catch (DuplicateKeyException race) {
			if (key != null) {
				Optional<Outcome<T>> replay = replay(operation, principal, key, hash, find);
				if (replay.isPresent()) {
					return replay.get();
				}
			}
			throw race;
		}
	}

	private <T> Optional<Outcome<T>> replay(String operation, String principal, String key, String hash,
			Function<UUID, Optional<T>> find) {
		return records.find(principal, operation, key).map(stored -> {
			if (!stored.requestHash().equals(hash)) {
				throw new IdempotencyKeyMismatchException(key);
			}
			return new Outcome<>(find.apply(UUID.fromString(stored.resourceId())).orElseThrow(), true);
		});
	}

	private String hash(String operation, UUID orderId, Object request) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(orderId.toString().getBytes(StandardCharsets.UTF_8));
			digest.update(json.writeValueAsBytes(request));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (JsonProcessingException | NoSuchAlgorithmException e) {
			throw new IllegalStateException("Cannot hash the request of " + operation, e);
		}
	}

}
