package io.orderflow.capture;

import java.net.URI;
import java.security.Principal;

import io.orderflow.order.Orders;
import io.orderflow.order.OrderView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Order intake over REST. */
@RestController
@Tag(name = "Orders")
class CaptureController {

	private final CaptureService capture;

	private final Orders orders;

	CaptureController(CaptureService capture, Orders orders) {
		this.capture = capture;
		this.orders = orders;
	}

	@PostMapping("/api/orders")
	@Operation(summary = "Submit an order",
			description = "Validates the order, computes its totals, stores it and starts its lifecycle. "
					+ "The same channel and externalReference return the existing order (200) and start nothing. "
					+ "An Idempotency-Key replays the first answer for the same body and is refused (422) "
					+ "for a different one.")
	@ApiResponse(responseCode = "201", description = "Order created")
	@ApiResponse(responseCode = "200", description = "The channel already has an order with this reference")
	@ApiResponse(responseCode = "400", description = "Malformed JSON")
	@ApiResponse(responseCode = "422", description = "A well-formed order that breaks a rule; every invalid field is named")
	ResponseEntity<OrderView> submit(@RequestBody OrderSubmission submission,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		SubmissionResult result = capture.submit(submission, idempotencyKey, principal.getName());
		OrderView view = OrderView.of(result.order(), orders.money(result.order()), orders.timeline(result.order().id()));
		URI location = URI.create("/api/orders/" + result.order().id());
		return ResponseEntity.status(result.status()).location(location).body(view);
	}

}
