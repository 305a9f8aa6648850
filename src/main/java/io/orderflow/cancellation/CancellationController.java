package io.orderflow.cancellation;

import java.net.URI;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

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

/** Cancellations over REST. */
@RestController
@Tag(name = "Cancellations", description = "Cancel lines of an order, or all of it, before they ship")
class CancellationController {

	private final Cancellations cancellations;

	private final Orders orders;

	CancellationController(Cancellations cancellations, Orders orders) {
		this.cancellations = cancellations;
		this.orders = orders;
	}

	@PostMapping("/api/orders/{id}/cancellations")
	@Operation(summary = "Request a cancellation",
			description = "Lines and quantities, or wholeOrder: true (everything that has not shipped), and a reason. "
					+ "Accepted (202) and carried out by the OrderCancellation process: approved by the policy "
					+ "bpmn/cancellation-approval.dmn or by a service agent; units that shipped meanwhile are not "
					+ "canceled, the cancellation says per line. An Idempotency-Key replays the first answer for "
					+ "the same body and is refused (422) for a different one.")
	@ApiResponse(responseCode = "202", description = "Cancellation accepted")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "409", description = "The order was rejected: there is nothing to cancel")
	@ApiResponse(responseCode = "422", description = "Invalid fields, or more than a line has available to cancel")
	ResponseEntity<CancellationView> request(@PathVariable OrderKey id, @RequestBody CancellationRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		var result = cancellations.request(orders.idOf(id), request, idempotencyKey, principal.getName());
		Cancellation cancellation = cancellations.find(result.resource().id()).orElseThrow();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/cancellations/" + cancellation.id()))
			.body(CancellationView.of(cancellation));
	}

	@GetMapping("/api/orders/{id}/cancellations")
	@Operation(summary = "The order's cancellations, oldest first")
	List<CancellationView> ofOrder(@PathVariable OrderKey id) {
		return cancellations.ofOrder(orders.idOf(id)).stream().map(CancellationView::of).toList();
	}

	@GetMapping("/api/cancellations/{id}")
	@Operation(summary = "One cancellation: requested lines and, once carried out, what was and was not canceled")
	CancellationView get(@PathVariable UUID id) {
		return cancellations.find(id)
			.map(CancellationView::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No cancellation with id " + id));
	}

	record CancellationView(UUID id, UUID orderId, String orderNumber, boolean wholeOrder, String reason,
			CancellationStatus status, String result, String requestedBy, String decisionNote,
			OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Cancellation.Line> lines) {

		static CancellationView of(Cancellation c) {
			return new CancellationView(c.id(), c.orderId(), c.orderNumber(), c.wholeOrder(), c.reason(), c.status(),
					c.result(), c.requestedBy(), c.decisionNote(), c.createdAt(), c.updatedAt(), c.lines());
		}

	}

}
