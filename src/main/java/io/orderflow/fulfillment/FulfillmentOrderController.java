package io.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import io.orderflow.platform.events.EventReceipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Locations report on their fulfillment orders here; fulfillment orders can be read. */
@RestController
@Tag(name = "Fulfillment orders", description = "The part of an order one location ships")
class FulfillmentOrderController {

	private final LocationEvents events;

	private final FulfillmentOrders fulfillmentOrders;

	FulfillmentOrderController(LocationEvents events, FulfillmentOrders fulfillmentOrders) {
		this.events = events;
		this.fulfillmentOrders = fulfillmentOrders;
	}

	@PostMapping("/api/fulfillment-orders/{id}/events")
	@Operation(summary = "Report a location event",
			description = "PICKED, PACKED, SHIPPED (with carrier and trackingNumber, or neither to let Orderflow "
					+ "book the carrier) or REJECTED. Deduplicated by eventId: a repeat answers 200 DUPLICATE and "
					+ "changes nothing. An event that arrives before the process waits for it is kept and "
					+ "delivered as soon as it does.")
	@ApiResponse(responseCode = "202", description = "Accepted")
	@ApiResponse(responseCode = "200", description = "Duplicate: this eventId was reported before")
	@ApiResponse(responseCode = "404", description = "Unknown fulfillment order")
	@ApiResponse(responseCode = "409", description = "The fulfillment order is finished, or the event goes backwards")
	@ApiResponse(responseCode = "422", description = "Invalid event; every invalid field is named")
	ResponseEntity<EventReceipt> report(@PathVariable UUID id, @Valid @RequestBody LocationEventRequest event) {
		EventReceipt receipt = events.receive(id, event);
		return ResponseEntity.status(receipt.httpStatus()).body(receipt);
	}

	@GetMapping("/api/fulfillment-orders/{id}")
	@Operation(summary = "One fulfillment order with its lines, location, status and tracking")
	FulfillmentOrder get(@PathVariable UUID id) {
		try {
			return fulfillmentOrders.find(id);
		}
		catch (FulfillmentOrderNotFoundException notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No fulfillment order " + id);
		}
	}

	@GetMapping("/api/orders/{orderId}/fulfillment-orders")
	@Operation(summary = "The fulfillment orders of one order")
	List<FulfillmentOrder> ofOrder(@PathVariable UUID orderId) {
		return fulfillmentOrders.ofOrder(orderId);
	}

}
