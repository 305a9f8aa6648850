package io.orderflow.platform.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import io.orderflow.platform.AfterCommit;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import org.camunda.bpm.engine.IdentityService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keys for integrations (docs/security.md, "API keys"). A key reads {@code of_<lookup>_<secret>}: the lookup
 * part finds its row, the whole key is compared by its SHA-256 hash in constant time. A random 256-bit secret
 * needs no slow, salted hash: nobody can guess it, and a stolen table holds no usable key. A key that signed in
 * is taken without reading its row again for {@code orderflow.security.sign-in-cache-time}; a revocation or
 * rotation on this node forgets every such key when it commits.
 */
@Service
public class ApiKeys {

	static final String PREFIX = "of_";

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,49}";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final IdentityService identity;

	private final ApiKeyProperties properties;

	private final Clock clock;

	/** Keys that signed in, by the SHA-256 of the whole key (hex). */
	private final Cache<String, ApiKey> signedIn;

	ApiKeys(JdbcClient jdbc, IdentityService identity, ApiKeyProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.identity = identity;
		this.properties = properties;
		this.clock = clock;
		this.signedIn = ApiKeyProperties.signInCache(properties.signInCacheTime());
	}

	/**
	 * @throws InvalidRequestException naming every invalid field: name, groups (each must exist), expiresAt
	 * (in the future, within the longest lifetime)
	 */
	@Transactional
	public IssuedApiKey issue(ApiKeyRequest request, String issuedBy) {
		OffsetDateTime now = now();
		List<FieldViolation> violations = new ArrayList<>();
		if (request.name() == null || !request.name().matches(NAME_PATTERN)) {
			violations.add(new FieldViolation("name",
					"is required: 1 to 50 lower-case letters, digits and hyphens, starting with a letter or digit"));
		}
		if (request.groups() == null || request.groups().isEmpty()) {
			violations.add(new FieldViolation("groups", "name at least one group the key acts as"));
		}
		else {
			for (String group : request.groups()) {
				if (group == null || identity.createGroupQuery().groupId(group).count() == 0) {
					violations.add(new FieldViolation("groups", "no group " + group));
				}
			}
		}
		OffsetDateTime expiresAt = request.expiresAt() == null ? now.plus(properties.keyDefaultLifetime())
				: request.expiresAt();
		if (!expiresAt.isAfter(now)) {
			violations.add(new FieldViolation("expiresAt", "must be in the future"));
		}
		else if (expiresAt.isAfter(now.plus(properties.keyMaxLifetime()))) {
			violations.add(new FieldViolation("expiresAt", "must be within " + properties.keyMaxLifetime().toDays()
					+ " days (orderflow.security.key-max-lifetime)"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return insert(request.name(), List.copyOf(request.groups()), expiresAt, issuedBy, now);
	}

	public List<ApiKey> list() {
		return jdbc.sql("select * from api_key order by created_at, id").query(ApiKeys::read).list();
	}

	public Optional<ApiKey> find(UUID id) {
		return jdbc.sql("select * from api_key where id = :id").param("id", id).query(ApiKeys::read).optional();
	}

	/** Revokes the key at once; revoking it again changes nothing. */
	@Transactional
	public Optional<ApiKey> revoke(UUID id) {
		forgetSignIns();
		jdbc.sql("update api_key set revoked_at = :now where id = :id and revoked_at is null")
			.param("now", now())
			.param("id", id)
			.update();
		return find(id);
	}

	/**
	 * Issues a successor with the same name, groups and lifetime; the old key goes on working for
	 * {@code overlap} (at most orderflow.security.key-max-overlap), so that the integration can switch.
	 * @throws InvalidRequestException naming {@code overlap} or {@code id} (a revoked, expired or rotated key)
	 */
	@Transactional
	public Optional<IssuedApiKey> rotate(UUID id, Duration overlap, String rotatedBy) {
		forgetSignIns();
		OffsetDateTime now = now();
		Optional<ApiKey> found = jdbc.sql("select * from api_key where id = :id for update")
			.param("id", id)
			.query(ApiKeys::read)
			.optional();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ApiKey old = found.get();
		if (overlap == null || overlap.isNegative() || overlap.compareTo(properties.keyMaxOverlap()) > 0) {
			throw new InvalidRequestException("overlap", "is required: an ISO-8601 duration from PT0S to "
					+ properties.keyMaxOverlap() + " (orderflow.security.key-max-overlap)");
		}
		if (!old.usableAt(now) || old.successorId() != null) {
			throw new InvalidRequestException("id", "the key is revoked, expired or already rotated");
		}
		Duration lifetime = Duration.between(old.createdAt(), old.expiresAt());
		IssuedApiKey successor = insert(old.name(), old.groups(),
				now.plus(lifetime.compareTo(properties.keyMaxLifetime()) > 0 ? properties.keyMaxLifetime() : lifetime),
				rotatedBy, now);
		OffsetDateTime oldUntil = now.plus(overlap);
		jdbc.sql("update api_key set successor_id = :successor, expires_at = :until where id = :id")
			.param("successor", successor.apiKey().id())
			.param("until", oldUntil.isBefore(old.expiresAt()) ? oldUntil : old.expiresAt())
			.param("id", id)
			.update();
		return Optional.of(successor);
	}

	/** The usable key a request presents, or empty: unknown, malformed, revoked or expired. */
	public Optional<ApiKey> authenticate(String presented) {
		if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
			return Optional.empty();
		}
		int separator = presented.indexOf('_', PREFIX.length());
		if (separator < 0) {
			return Optional.empty();
		}
		String lookup = presented.substring(PREFIX.length(), separator);
		byte[] hash = sha256(presented);
		String cacheKey = HexFormat.of().formatHex(hash);
		ApiKey cached = signedIn.getIfPresent(cacheKey);
		if (cached != null) {
			return Optional.of(cached).filter(key -> key.usableAt(now()));
		}
		Optional<ApiKey> found = jdbc.sql("select * from api_key where lookup_id = :lookup")
			.param("lookup", lookup)
			.query((rs, row) -> new Row(read(rs, row), HexFormat.of().parseHex(rs.getString("secret_hash"))))
			.optional()
			.filter(row -> MessageDigest.isEqual(row.hash(), hash))
			.map(Row::key)
			.filter(key -> key.usableAt(now()));
		found.ifPresent(key -> signedIn.put(cacheKey, key));
		return found;
	}

	/** After the change commits, every key is read from its row again on its next request. */
	private void forgetSignIns() {
		AfterCommit.run(signedIn::invalidateAll);
	}

	private record Row(ApiKey key, byte[] hash) {
	}

	private IssuedApiKey insert(String name, List<String> groups, OffsetDateTime expiresAt, String by,
			OffsetDateTime now) {
		UUID id = UUID.randomUUID();
		String lookup = token(9);
		String key = PREFIX + lookup + "_" + token(32);
		jdbc.sql("""
				insert into api_key (id, name, lookup_id, secret_hash, group_ids, expires_at, created_by, created_at)
				values (:id, :name, :lookup, :hash, :groups, :expiresAt, :by, :now)""")
			.param("id", id)
			.param("name", name)
			.param("lookup", lookup)
			.param("hash", HexFormat.of().formatHex(sha256(key)))
			.param("groups", String.join(",", groups))
			.param("expiresAt", expiresAt)
			.param("by", by)
			.param("now", now)
			.update();
		return new IssuedApiKey(find(id).orElseThrow(), key);
	}

	private String token(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		// the lookup part must not contain the separator
		return BASE64.encodeToString(value).replace('_', '-');
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static ApiKey read(ResultSet rs, int row) throws SQLException {
		String successor = rs.getString("successor_id");
		return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"),
				ApiKey.principalOf(rs.getString("name")), PREFIX + rs.getString("lookup_id"),
				Arrays.asList(rs.getString("group_ids").split(",")), time(rs, "expires_at"), rs.getString("created_by"),
				time(rs, "created_at"), time(rs, "revoked_at"), successor == null ? null : UUID.fromString(successor));
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
