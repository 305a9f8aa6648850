package io.orderflow.fulfillment;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import io.orderflow.fulfillment.HeldOrders.HoldRequest;
import io.orderflow.order.OrderHold;
import io.orderflow.order.OrderHoldView;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.OrderKey;
import io.orderflow.order.Orders;
import io.orderflow.platform.IdempotentRequests.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Agents hold an order's fulfillment, with a reason, and release it (docs/rest-api.md, "Holds"). */
@RestController
@Tag(name = "Orders")
class OrderHoldController {

	private final HeldOrders heldOrders;

	private final OrderHolds holds;

	private final Orders orders;

	OrderHoldController(HeldOrders heldOrders, OrderHolds holds, Orders orders) {
		this.heldOrders = heldOrders;
		this.holds = holds;
		this.orders = orders;
	}

	@PostMapping("/api/orders/{id}/hold")
	@Operation(summary = "Hold an order",
			description = "An agent stops the order's fulfillment, with a reason: it allocates nothing more and "
					+ "releases no fulfillment order to a location; the locations that already work on it are asked "
					+ "to wait (fulfillment_order.held). The status does not change: the order shows the hold "
					+ "(hold). Service agents, supervisors, integrators and administrators. An Idempotency-Key "
					+ "replays the first answer for the same body and is refused (422) for a different one.")
	@ApiResponse(responseCode = "201", description = "The order is held")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "409", description = "The order is held already, or nothing of it is left to hold")
	@ApiResponse(responseCode = "422", description = "No reason, or one longer than 500 characters")
	ResponseEntity<OrderHoldView> hold(@PathVariable OrderKey id, @RequestBody HoldRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		UUID orderId = orders.idOf(id);
		Outcome<OrderHold> held = heldOrders.hold(orderId, request, idempotencyKey, principal.getName());
		return ResponseEntity.status(held.status())
			.location(URI.create("/api/orders/" + orderId + "/holds"))
			.body(OrderHoldView.of(held.resource()));
	}

	@PostMapping("/api/orders/{id}/release-hold")
	@Operation(summary = "Release an order's hold",
			description = "With a reason. The order goes on where it stood: what was held back is released to its "
					+ "locations, the locations asked to wait may ship (fulfillment_order.resumed), allocation goes "
					+ "on. Not for the risk review's ON_HOLD, which a fraud analyst decides in Tasklist. An "
					+ "Idempotency-Key replays the first answer for the same body.")
	@ApiResponse(responseCode = "200", description = "The hold is released")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "409", description = "The order is not held")
	@ApiResponse(responseCode = "422", description = "No reason, or one longer than 500 characters")
	ResponseEntity<OrderHoldView> release(@PathVariable OrderKey id, @RequestBody HoldRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		Outcome<OrderHold> released = heldOrders.release(orders.idOf(id), request, idempotencyKey,
				principal.getName());
		return ResponseEntity.status(released.status()).body(OrderHoldView.of(released.resource()));
	}

	@GetMapping("/api/orders/{id}/holds")
	@Operation(summary = "The order's holds, active and released, oldest first",
			description = "Who held and released it, when and why")
	List<OrderHoldView> ofOrder(@PathVariable OrderKey id) {
		return holds.ofOrder(orders.idOf(id)).stream().map(OrderHoldView::of).toList();
	}

}
