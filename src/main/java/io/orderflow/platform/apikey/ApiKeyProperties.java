package io.orderflow.platform.apikey;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys and the limit on failed sign-ins ({@code orderflow.security}).
 *
 * @param apiBasicAuth whether {@code /api} and {@code /engine-rest} take HTTP Basic with a user's password
 * besides API keys; the webapps keep their own login either way
 * @param maxFailures failed sign-ins (wrong key, wrong password) one client address may make within
 * {@code failureWindow} before it is answered {@code 429} without a check
 * @param failureWindow how long failures are counted, and how long an address waits after too many
 * @param keyDefaultLifetime the lifetime of a key issued without {@code expiresAt}
 * @param keyMaxLifetime the longest lifetime a key may be given
 * @param keyMaxOverlap how long a rotated key may go on working beside its successor at most
 * @param signInCacheTime how long a node takes a password or key that signed in without checking it again
 * ({@code PT0S}: never); a change made on another node (a new password, a revoked key) takes effect here
 * within this time, one made on this node at once
 */
@ConfigurationProperties("orderflow.security")
public record ApiKeyProperties(@DefaultValue("true") boolean apiBasicAuth, @DefaultValue("20") int maxFailures,
		@DefaultValue("PT1M") Duration failureWindow, @DefaultValue("P90D") Duration keyDefaultLifetime,
		@DefaultValue("P365D") Duration keyMaxLifetime, @DefaultValue("P7D") Duration keyMaxOverlap,
		@DefaultValue("PT30S") Duration signInCacheTime) {

	/**
	 * A cache of sign-ins as {@code signInCacheTime} asks: each entry kept that long after it was put, none at
	 * {@code PT0S}; bounded in size, so that many users or keys cannot exhaust it.
	 */
	public static <K, V> Cache<K, V> signInCache(Duration cacheTime) {
		return Caffeine.newBuilder()
			.expireAfterWrite(cacheTime.isNegative() ? Duration.ZERO : cacheTime)
			.maximumSize(10_000)
			.build();
	}

}
