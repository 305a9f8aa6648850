package io.orderflow.delivery;

import java.util.UUID;

import io.orderflow.order.OrderKey;
import io.orderflow.order.Orders;
import io.orderflow.platform.events.EventReceipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Carriers report parcels here; shipments can be read. */
@RestController
@Tag(name = "Shipments", description = "Parcels handed to carriers, and what carriers report about them")
class CarrierEventController {

	private final CarrierEvents events;

	private final Shipments shipments;

	private final Orders orders;

	CarrierEventController(CarrierEvents events, Shipments shipments, Orders orders) {
		this.events = events;
		this.shipments = shipments;
		this.orders = orders;
	}

	@PostMapping("/api/shipments/{id}/events")
	@Operation(summary = "Report a carrier event",
			description = "IN_TRANSIT, DELIVERED or DELIVERY_FAILED. Deduplicated by eventId: a repeat answers 200 "
					+ "DUPLICATE and changes nothing. An event that arrives before the order's process waits for it "
					+ "is kept and delivered as soon as it does.")
	@ApiResponse(responseCode = "202", description = "Accepted")
	@ApiResponse(responseCode = "200", description = "Duplicate: this eventId was reported before")
	@ApiResponse(responseCode = "404", description = "Unknown shipment")
	@ApiResponse(responseCode = "409", description = "The event contradicts the shipment's state")
	ResponseEntity<EventReceipt> report(@PathVariable UUID id, @Valid @RequestBody CarrierEventRequest event) {
		EventReceipt receipt = events.receive(id, event);
		return ResponseEntity.status(receipt.httpStatus()).body(receipt);
	}

	@GetMapping("/api/orders/{id}/shipments")
	@Operation(summary = "The shipments of one order")
	java.util.List<Shipment> ofOrder(@PathVariable OrderKey id) {
		return shipments.ofOrder(orders.idOf(id));
	}

	@GetMapping("/api/shipments/{id}")
	@Operation(summary = "One shipment")
	Shipment get(@PathVariable UUID id) {
		return shipments.find(id)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No shipment " + id));
	}

}
