package io.orderflow.platform.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orderflow.platform.apikey.ApiKeyProperties;

import org.springframework.modulith.NamedInterface;

/**
 * Failed sign-ins (a wrong API key, a wrong password) counted per client address. Past
 * {@code orderflow.security.max-failures} within the window the address is answered {@code 429} without a
 * check until the window has passed since its last failure. Per node and in memory: bounded in size, so
 * that a flood of addresses cannot exhaust it.
 */
@NamedInterface("security")
public class FailedSignIns {

	private final Cache<String, AtomicInteger> failures;

	private final int maxFailures;

	private final Duration window;

	FailedSignIns(ApiKeyProperties properties) {
		this(properties.maxFailures(), properties.failureWindow());
	}

	/** {@code maxFailures} within {@code window}, e.g. for look-ups that must not be used to guess. */
	public FailedSignIns(int maxFailures, Duration window) {
		this.maxFailures = maxFailures;
		this.window = window;
		this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
	}

	public boolean blocked(String address) {
		AtomicInteger count = failures.getIfPresent(address);
		return count != null && count.get() >= maxFailures;
	}

	public void failed(String address) {
		// re-put so that the window counts from the last failure
		AtomicInteger count = failures.get(address, any -> new AtomicInteger());
		count.incrementAndGet();
		failures.put(address, count);
	}

	/** Seconds a blocked address waits at most. */
	long retryAfterSeconds() {
		return Math.max(1, window.toSeconds());
	}

}
