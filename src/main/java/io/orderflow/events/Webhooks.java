package io.orderflow.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions, and the deliveries of each event to the subscriptions that want it: made when the
 * sequencer positions the event, in its transaction, so that no event is ever left without its deliveries.
 */
@Service
class Webhooks {

	static final String OPERATION = "create-webhook";

	private final WebhookRepository repository;

	private final WebhookProperties properties;

	private final IdempotentRequests idempotency;

	private final ObjectMapper json;

	private final Clock clock;

	Webhooks(WebhookRepository repository, WebhookProperties properties, IdempotentRequests idempotency,
			ObjectMapper json, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.idempotency = idempotency;
		this.json = json;
		this.clock = clock;
	}

	/** What a subscription asks for. */
	record SubscriptionInput(String url, List<String> types, String locationId) {
	}

	/** A subscription as its creator gets it once: with the secret that signs its deliveries. */
	record Created(UUID id, String url, List<String> types, String locationId, String status, String secret,
			OffsetDateTime createdAt) {

		static Created of(WebhookSubscription subscription) {
			return new Created(subscription.id(), subscription.url(), subscription.types(), subscription.locationId(),
					subscription.status(), subscription.secret(), subscription.createdAt());
		}

	}

	/**
	 * Creates a subscription. An Idempotency-Key makes a retry return the first answer (with its secret).
	 * @throws InvalidRequestException naming every invalid field; nothing is created
	 */
	public IdempotentRequests.Outcome<Created> subscribe(SubscriptionInput input, String idempotencyKey,
			String principal) {
		List<FieldViolation> violations = new ArrayList<>();
		if (input == null) {
			throw new InvalidRequestException("body", "a subscription: url, types and optionally locationId");
		}
		String url = input.url() == null ? null : input.url().strip();
		checkTarget(url, violations);
		LinkedHashSet<String> types = new LinkedHashSet<>();
		if (input.types() == null || input.types().isEmpty()) {
			violations.add(new FieldViolation("types", "at least one event type (docs/events.md)"));
		}
		else {
			for (int i = 0; i < input.types().size(); i++) {
				String type = input.types().get(i);
				if (type == null || EventType.ofWireName(type.strip()).isEmpty()) {
					violations.add(new FieldViolation("types[" + i + "]", "no event type " + type + " (docs/events.md)"));
				}
				else {
					types.add(type.strip());
				}
			}
		}
		String locationId = input.locationId() == null || input.locationId().isBlank() ? null : input.locationId().strip();
		if (locationId != null && (locationId.length() > 64
				|| types.stream().noneMatch(type -> type.startsWith("fulfillment_order.")))) {
			violations.add(new FieldViolation("locationId",
					"a location id (at most 64 characters), for subscriptions to fulfillment_order events"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return idempotency.once(idempotency.request(OPERATION, principal, idempotencyKey, input),
				id -> repository.find(id).map(Created::of), Created::id, () -> {
					OffsetDateTime now = now();
					WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID(), url, List.copyOf(types),
							locationId, "ACTIVE", null, principal, now, now, WebhookSignature.newSecret());
					repository.insert(subscription);
					return IdempotentRequests.Outcome.of(Created.of(subscription), 201);
				});
	}

	private void checkTarget(String url, List<FieldViolation> violations) {
		URI uri = null;
		try {
			uri = url == null || url.length() > 2000 ? null : URI.create(url);
		}
		catch (IllegalArgumentException e) {
			// named below
		}
		if (uri == null || uri.getHost() == null
				|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
			violations.add(new FieldViolation("url", "an absolute http or https URL, at most 2,000 characters"));
			return;
		}
		if (properties.allowPrivateTargets()) {
			return;
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
				if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
						|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
					violations.add(new FieldViolation("url", "a public address: " + uri.getHost()
							+ " is on a private network (orderflow.webhooks.allow-private-targets allows it)"));
					return;
				}
			}
		}
		catch (UnknownHostException e) {
			violations.add(new FieldViolation("url", "a host that resolves: " + uri.getHost() + " does not"));
		}
	}

	@Transactional(readOnly = true)
	public List<WebhookSubscription> subscriptions() {
		return repository.all();
	}

	@Transactional(readOnly = true)
	public Optional<WebhookSubscription> subscription(UUID id) {
		return repository.find(id);
	}

	/** Disables a subscription: nothing more is sent to it until it is enabled again. @return false if unknown */
	@Transactional
	public boolean disable(UUID id, String reason) {
		return setStatus(id, "DISABLED", reason);
	}

	/** Enables a subscription again: what is pending for it is sent, in order. @return false if unknown */
	@Transactional
	public boolean enable(UUID id) {
		return setStatus(id, "ACTIVE", null);
	}

	private boolean setStatus(UUID id, String status, String reason) {
		if (repository.find(id).isEmpty()) {
			return false;
		}
		repository.setStatus(id, status, reason, now());
		return true;
	}

	@Transactional(readOnly = true)
	public List<WebhookDelivery> deliveries(UUID subscriptionId, String status, int limit, long afterId) {
		return repository.deliveries(subscriptionId, status, limit, afterId);
	}

	/** Sends a delivery again, its tries starting over. @return the delivery, or empty when it is unknown */
	@Transactional
	public Optional<WebhookDelivery> redeliver(UUID subscriptionId, long deliveryId) {
		Optional<WebhookDelivery> delivery = repository.delivery(subscriptionId, deliveryId);
		delivery.ifPresent(d -> repository.redeliver(d.id(), now()));
		return delivery.flatMap(d -> repository.delivery(subscriptionId, deliveryId));
	}

	/** Makes the deliveries of the events positioned after {@code after}, up to {@code to}: the sequencer's round. */
	void fanOut(long after, long to) {
		List<WebhookSubscription> active = repository.active();
		if (active.isEmpty()) {
			return;
		}
		OffsetDateTime now = now();
		List<MapSqlParameterSource> rows = new ArrayList<>();
		for (WebhookRepository.Positioned event : repository.positioned(after, to)) {
			String locationId = event.type().startsWith("fulfillment_order.") ? locationOf(event.payload()) : null;
			for (WebhookSubscription subscription : active) {
				if (subscription.wants(event.type(), locationId)) {
					rows.add(new MapSqlParameterSource("subscriptionId", subscription.id()).addValue("row", event.row())
						.addValue("orderId", event.orderId())
						.addValue("position", event.position())
						.addValue("now", now));
				}
			}
		}
		if (!rows.isEmpty()) {
			repository.insertDeliveries(rows);
		}
	}

	private String locationOf(String payload) {
		try {
			return json.readTree(payload).path("locationId").asText(null);
		}
		catch (JsonProcessingException e) {
			return null;
		}
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

}
