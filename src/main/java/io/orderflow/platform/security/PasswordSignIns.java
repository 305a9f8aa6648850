package io.orderflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import io.orderflow.platform.apikey.ApiKeyProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Passwords that signed in, kept for {@code orderflow.security.sign-in-cache-time} (30 seconds unless set),
 * so that an integrator's stream of requests costs the engine one password check and one group query per
 * user and half minute instead of two queries per request (docs/performance.md, "Sign-ins").
 *
 * <p>
 * Only a success is kept, and only as a salted SHA-256 of user and password (the salt is this node's, made at
 * start): a wrong password always reaches the engine, which counts it and locks the user as before, and it
 * makes this node forget the user's kept sign-ins, so that a lock applies to their next request. A change
 * of users, groups or memberships made through this node's engine empties the cache when it commits
 * ({@link IdentityChangesEmptySignIns}); one made on another node takes effect here within the cache time.
 * {@code PT0S} keeps nothing.
 */
@Component
class PasswordSignIns {

	private final Cache<String, List<GrantedAuthority>> signedIn;

	private final byte[] salt = new byte[32];

	@Autowired
	PasswordSignIns(ApiKeyProperties properties) {
		this(properties.signInCacheTime());
	}

	PasswordSignIns(Duration cacheTime) {
		new SecureRandom().nextBytes(salt);
		this.signedIn = ApiKeyProperties.signInCache(cacheTime);
	}

	/**
	 * The authorities of a user whose password signed in within the cache time, else what {@code check}
	 * answers (and keeps it); {@code check} throws for a wrong password, and nothing is kept.
	 */
	List<GrantedAuthority> authorities(String userId, String password, Supplier<List<GrantedAuthority>> check) {
		String key = key(userId, password);
		List<GrantedAuthority> authorities = signedIn.getIfPresent(key);
		if (authorities == null) {
			try {
				authorities = List.copyOf(check.get());
			}
			catch (RuntimeException wrongPassword) {
				// the engine counts the failure and may lock the user: from now on it checks every request of theirs
				forget(userId);
				throw wrongPassword;
			}
			signedIn.put(key, authorities);
		}
		return authorities;
	}

	private void forget(String userId) {
		signedIn.asMap().keySet().removeIf(key -> key.startsWith(userId + ":"));
	}

	/** Forgets every sign-in: the next request of each user is checked by the engine again. */
	void clear() {
		signedIn.invalidateAll();
	}

	private String key(String userId, String password) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(salt);
			sha256.update(userId.getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) 0);
			sha256.update(password.getBytes(StandardCharsets.UTF_8));
			return userId + ":" + HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
	}

}
