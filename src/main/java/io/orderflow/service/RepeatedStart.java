package io.orderflow.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import io.orderflow.platform.web.InvalidRequestException;

/**
 * A start form submitted twice (a double click on "Start", a second agent taking the same call) carries no
 * idempotency key. What stands in for one: the same user asking for the same thing on the same order within
 * {@link #WINDOW} is taken for a repeat and refused, naming the request that was stored. Called with the
 * order's row locked, so that two submissions at once are serialized and the second sees the first.
 */
public final class RepeatedStart {

	public static final Duration WINDOW = Duration.ofMinutes(1);

	private RepeatedStart() {
	}

	/**
	 * @param earlier the order's stored requests of this kind
	 * @param same whether a stored request asks for the same as the new one
	 * @throws InvalidRequestException naming {@code field} when one of {@code earlier} is a repeat
	 */
	public static <T> void refuse(String what, String field, List<T> earlier, Function<T, String> requestedBy,
			Function<T, OffsetDateTime> createdAt, Predicate<T> same, String principal, OffsetDateTime now) {
		OffsetDateTime since = now.minus(WINDOW);
		earlier.stream()
			.filter(request -> principal != null && principal.equals(requestedBy.apply(request)))
			.filter(request -> createdAt.apply(request).isAfter(since))
			.filter(same)
			.findFirst()
			.ifPresent(repeat -> {
				long seconds = Math.max(0, Duration.between(createdAt.apply(repeat), now).toSeconds());
				throw new InvalidRequestException(field, "you started the same " + what + " for this order " + seconds
						+ " s ago: it is being carried out; if it is really meant twice, start it again in a minute");
			});
	}

}
