package io.orderflow.platform;

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
import io.orderflow.platform.web.IdempotencyKeyMismatchException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How every POST that creates something (an order, a cancellation, a return, an adjustment, a reshipment)
 * honours an {@code Idempotency-Key}: the first request with a key stores its resource and the key in one
 * transaction; a repeat with the same body is answered with that resource and the first answer's status;
 * the same key with another body is refused; of two at once the key's primary key lets one through and the
 * other replays it. Without a key the request simply runs. A transaction that fails on a transient database
 * error (a deadlock, a serialization failure) is run again, at most three times.
 */
@Component
public class IdempotentRequests {

	/**
	 * The resource, the HTTP status of the answer, and whether it is the answer to an earlier request with
	 * the same key.
	 */
	public record Outcome<T>(T resource, int status, boolean replay) {

		public static <T> Outcome<T> of(T resource, int status) {
			return new Outcome<>(resource, status, false);
		}

	}

	/**
	 * One request: its operation (e.g. {@code POST /api/orders/{id}/returns}), who asks, its
	 * {@code Idempotency-Key} (null when it has none) and the hash of what it asks for.
	 */
	public record Request(String operation, String principal, String key, String hash) {
	}

	private final IdempotencyRecords records;

	private final ObjectMapper json;

	private final TransactionTemplate transaction;

	private final RetryTemplate retry = RetryTemplate.builder()
		.maxAttempts(3)
		.exponentialBackoff(50, 2, 500)
		.retryOn(TransientDataAccessException.class)
		.build();

	IdempotentRequests(IdempotencyRecords records, ObjectMapper json, PlatformTransactionManager transactionManager) {
		this.records = records;
		this.json = json;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * @param body what the request asks for: strings as they are, anything else as its JSON; hashed only
	 * when there is a key
	 */
	public Request request(String operation, String principal, String key, Object... body) {
		return new Request(operation, principal, key, key == null ? null : hash(operation, body));
	}

	/**
	 * The answer an earlier request with this key got, if there was one.
	 * @param find the stored resource by its id
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public <T> Optional<Outcome<T>> replay(Request request, Function<UUID, Optional<T>> find) {
		if (request.key() == null) {
			return Optional.empty();
		}
		return records.find(request.principal(), request.operation(), request.key()).map(stored -> {
			if (!stored.requestHash().equals(request.hash())) {
				throw new IdempotencyKeyMismatchException(request.key());
			}
			return new Outcome<>(find.apply(UUID.fromString(stored.resourceId())).orElseThrow(), stored.status(),
					true);
		});
	}

	/**
	 * Runs {@code create} in a transaction of its own, once per key (every time without one).
	 * @param find the stored resource by its id, for a replay
	 * @param id the id of a created resource, stored with the key
	 * @throws IdempotencyKeyMismatchException when the key was used with another request
	 */
	public <T> Outcome<T> once(Request request, Function<UUID, Optional<T>> find, Function<T, UUID> id,
			Supplier<Outcome<T>> create) {
		return once(request, find, id, create, Optional::empty);
	}

	/**
	 * {@link #once(Request, Function, Function, Supplier)}, with an answer of its own when the request loses
	 * a race on another unique key than the idempotency key (the same order reference sent twice at once).
	 * @param afterLostRace the answer when {@code create} broke a unique key, or empty to throw
	 */
	public <T> Outcome<T> once(Request request, Function<UUID, Optional<T>> find, Function<T, UUID> id,
			Supplier<Outcome<T>> create, Supplier<Optional<Outcome<T>>> afterLostRace) {
		Optional<Outcome<T>> earlier = replay(request, find);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		try {
			return retry.execute(attempt -> transaction.execute(tx -> {
				if (request.key() != null) {
					records.claim(request.principal(), request.operation(), request.key(), request.hash());
				}
				Outcome<T> outcome = create.get();
				if (request.key() != null) {
					records.complete(request.principal(), request.operation(), request.key(), outcome.status(),
							id.apply(outcome.resource()).toString());
				}
				return outcome;
			}));
		}
		catch (DuplicateKeyException race) {
			// another request won the race (same key, or another unique key); ours rolled back entirely
			return replay(request, find).or(afterLostRace).orElseThrow(() -> race);
		}
	}

	/**
	 * A request about one order that is accepted (202) and carried out by a process: {@link #once} with the
	 * order's id and the body hashed together.
	 */
	public <T> Outcome<T> accepted(String operation, String principal, String key, UUID orderId, Object body,
			Function<UUID, Optional<T>> find, Function<T, UUID> id, Supplier<T> create) {
		return once(request(operation, principal, key, orderId.toString(), body), find, id,
				() -> Outcome.of(create.get(), 202));
	}

	private String hash(String operation, Object... body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Object part : body) {
				digest.update(part instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
						: json.writeValueAsBytes(part));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (JsonProcessingException | NoSuchAlgorithmException e) {
			throw new IllegalStateException("Cannot hash the request of " + operation, e);
		}
	}

}
