package io.orderflow.events;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.orderflow.platform.IdempotentRequests;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Webhook subscriptions and their deliveries, for integrators and administrators. */
@RestController
@Tag(name = "Webhooks", description = "Events pushed to your endpoints, signed (docs/events.md)")
class WebhookController {

	private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "DEAD");

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping("/api/webhooks")
	@Operation(summary = "Subscribe an endpoint to events",
			description = "url (http or https), types (event types, docs/events.md) and optionally locationId (only "
					+ "that location's fulfillment-order events). The answer holds the secret that signs every "
					+ "delivery (Standard Webhooks); it is shown this once. An Idempotency-Key replays the first "
					+ "answer.")
	@ApiResponse(responseCode = "201", description = "Subscribed: the subscription with its secret")
	@ApiResponse(responseCode = "422", description = "Invalid fields, each named; nothing was created")
	ResponseEntity<Webhooks.Created> subscribe(@RequestBody Webhooks.SubscriptionInput input,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		IdempotentRequests.Outcome<Webhooks.Created> outcome = webhooks.subscribe(input, idempotencyKey,
				principal.getName());
		return ResponseEntity.status(outcome.status())
			.location(URI.create("/api/webhooks/" + outcome.resource().id()))
			.body(outcome.resource());
	}

	@GetMapping("/api/webhooks")
	@Operation(summary = "The subscriptions, oldest first (without their secrets)")
	List<WebhookSubscription> subscriptions() {
		return webhooks.subscriptions();
	}

	@GetMapping("/api/webhooks/{id}")
	@Operation(summary = "One subscription (without its secret)")
	WebhookSubscription subscription(@PathVariable UUID id) {
		return webhooks.subscription(id).orElseThrow(() -> notFound(id));
	}

	@DeleteMapping("/api/webhooks/{id}")
	@Operation(summary = "Disable a subscription", description = "Nothing more is sent until it is enabled again; "
			+ "what its events would have been stays pending (in order) for a while (orderflow.webhooks.max-age).")
	@ApiResponse(responseCode = "204", description = "Disabled")
	ResponseEntity<Void> disable(@PathVariable UUID id, Principal principal) {
		if (!webhooks.disable(id, "disabled by " + principal.getName())) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/webhooks/{id}/enable")
	@Operation(summary = "Enable a disabled subscription again", description = "What is pending is sent, in order.")
	WebhookSubscription enable(@PathVariable UUID id) {
		if (!webhooks.enable(id)) {
			throw notFound(id);
		}
		return webhooks.subscription(id).orElseThrow();
	}

	@GetMapping("/api/webhooks/{id}/deliveries")
	@Operation(summary = "A subscription's deliveries, oldest first",
			description = "Optionally only PENDING, DELIVERED or DEAD (dead-lettered) ones; page with afterId (the "
					+ "last id of a page).")
	@ApiResponse(responseCode = "200", description = "Up to limit deliveries after afterId")
	@ApiResponse(responseCode = "422", description = "A status other than PENDING, DELIVERED or DEAD")
	List<WebhookDelivery> deliveries(@PathVariable UUID id, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") @Min(0) long afterId,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		webhooks.subscription(id).orElseThrow(() -> notFound(id));
		if (status != null && !STATUSES.contains(status)) {
			throw new InvalidRequestException(List.of(new FieldViolation("status", "PENDING, DELIVERED or DEAD")));
		}
		return webhooks.deliveries(id, status, limit, afterId);
	}

	@PostMapping("/api/webhooks/{id}/deliveries/{deliveryId}/redeliver")
	@Operation(summary = "Send a delivery again", description = "Whatever became of it (a dead letter, or one "
			+ "delivered that the receiver lost): it is pending again and its tries start over.")
	@ApiResponse(responseCode = "202", description = "Pending again")
	ResponseEntity<WebhookDelivery> redeliver(@PathVariable UUID id, @PathVariable long deliveryId) {
		return webhooks.redeliver(id, deliveryId)
			.map(delivery -> ResponseEntity.status(HttpStatus.ACCEPTED).body(delivery))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No delivery " + deliveryId + " of subscription " + id));
	}

	private static ResponseStatusException notFound(UUID id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No webhook subscription " + id);
	}

}
