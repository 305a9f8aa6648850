package io.orderflow.platform.apikey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An integration's key, as it is listed: never with its secret. {@code principal} is the user id under which
 * requests with the key act (in the engine, in the order timeline).
 */
public record ApiKey(UUID id, String name, String principal, String prefix, List<String> groups,
		OffsetDateTime expiresAt, String createdBy, OffsetDateTime createdAt, OffsetDateTime revokedAt,
		UUID successorId) {

	/** The user id requests with a key named {@code name} act as. */
	static String principalOf(String name) {
		return "apikey-" + name;
	}

	boolean usableAt(OffsetDateTime now) {
		return revokedAt == null && expiresAt.isAfter(now);
	}

}
