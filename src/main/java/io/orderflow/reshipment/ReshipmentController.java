package io.orderflow.reshipment;

import java.net.URI;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.OrderKey;
import io.orderflow.order.Orders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reshipments over REST. */
@RestController
@Tag(name = "Reshipments", description = "Send shipped units again, free of charge (lost or damaged)")
class ReshipmentController {

	private final Reshipments reshipments;

	private final Orders orders;

	ReshipmentController(Reshipments reshipments, Orders orders) {
		this.reshipments = reshipments;
		this.orders = orders;
	}

	@PostMapping("/api/orders/{id}/reshipments")
	@Operation(summary = "Request a reshipment",
			description = "Lines and quantities of shipped units to send again, and a reason. Accepted (202) and "
					+ "carried out by the OrderReshipment process: allocated through the usual routing, shipped by "
					+ "new fulfillment orders free of charge (no invoice, no capture). An Idempotency-Key replays the "
					+ "first answer for the same body and is refused (422) for a different one.")
	@ApiResponse(responseCode = "202", description = "Reshipment accepted")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "422", description = "Invalid fields, or more than a line has available to reship")
	ResponseEntity<ReshipmentView> request(@PathVariable OrderKey id, @RequestBody ReshipmentRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		var result = reshipments.request(orders.idOf(id), request, idempotencyKey, principal.getName());
		Reshipment reshipment = reshipments.find(result.resource().id()).orElseThrow();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/reshipments/" + reshipment.id()))
			.body(view(reshipment));
	}

	@GetMapping("/api/orders/{id}/reshipments")
	@Operation(summary = "The order's reshipments, oldest first")
	List<ReshipmentView> ofOrder(@PathVariable OrderKey id) {
		return reshipments.ofOrder(orders.idOf(id)).stream().map(this::view).toList();
	}

	@GetMapping("/api/reshipments/{id}")
	@Operation(summary = "One reshipment: requested lines, its fulfillment orders and, once done, what was sent again")
	ReshipmentView get(@PathVariable UUID id) {
		return reshipments.find(id)
			.map(this::view)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No reshipment with id " + id));
	}

	private ReshipmentView view(Reshipment r) {
		return new ReshipmentView(r.id(), r.orderId(), r.orderNumber(), r.reason(), r.status(), r.result(),
				r.requestedBy(), r.createdAt(), r.updatedAt(), r.lines(),
				reshipments.fulfillmentOrders(r.id())
					.stream()
					.map(fo -> new FulfillmentOrderRef(fo.id(), fo.number(), fo.locationId(), fo.status()))
					.toList());
	}

	record ReshipmentView(UUID id, UUID orderId, String orderNumber, String reason, ReshipmentStatus status,
			String result, String requestedBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
			List<Reshipment.Line> lines, List<FulfillmentOrderRef> fulfillmentOrders) {
	}

	record FulfillmentOrderRef(UUID id, String number, String locationId, FulfillmentOrderStatus status) {
	}

}
