package io.orderflow.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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

	private final DeliveryFailures failures;

	CarrierEventController(CarrierEvents events, Shipments shipments, Orders orders, DeliveryFailures failures) {
		this.events = events;
		this.shipments = shipments;
		this.orders = orders;
		this.failures = failures;
	}

	/**
	 * A shipment as the API shows it: the parcel, its carrier and what the carrier last said ({@code statusDetail});
	 * after a failed delivery, what became of it ({@code failure}), and, when it was booked again, the shipment that
	 * replaced it.
	 */
	record ShipmentView(UUID id, UUID fulfillmentOrderId, UUID orderId, String carrier, String trackingNumber,
			String labelReference, ShipmentStatus status, String statusDetail, boolean bookedByOrderflow, int attempt,
			UUID replacedBy, DeliveryFailure failure, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

		static ShipmentView of(Shipment s, DeliveryFailure failure) {
			return new ShipmentView(s.id(), s.fulfillmentOrderId(), s.orderId(), s.carrier(), s.trackingNumber(),
					s.labelReference(), s.status(), s.statusDetail(), s.bookedByOrderflow(), s.attempt(), s.replacedBy(),
					failure, s.createdAt(), s.updatedAt());
		}

	}

	@PostMapping("/api/shipments/{id}/events")
	@Operation(summary = "Report a carrier event",
			description = "IN_TRANSIT, DELIVERED, DELIVERY_FAILED (detail: the reason) or RETURNED_TO_SENDER. "
					+ "Deduplicated by eventId: a repeat answers 200 DUPLICATE and changes nothing. An event that "
					+ "arrives before the order's process waits for it is kept and delivered as soon as it does. "
					+ "DELIVERY_FAILED gives a service agent the task \"Resolve failed delivery\" (redeliver, reship or "
					+ "refund once the parcel is back).")
	@ApiResponse(responseCode = "202", description = "Accepted")
	@ApiResponse(responseCode = "200", description = "Duplicate: this eventId was reported before")
	@ApiResponse(responseCode = "404", description = "Unknown shipment")
	@ApiResponse(responseCode = "409", description = "The event contradicts the shipment's state: it is delivered, "
			+ "back at the sender, or was booked again after a failed delivery")
	ResponseEntity<EventReceipt> report(@PathVariable UUID id, @Valid @RequestBody CarrierEventRequest event) {
		EventReceipt receipt = events.receive(id, event);
		return ResponseEntity.status(receipt.httpStatus()).body(receipt);
	}

	@GetMapping("/api/orders/{id}/shipments")
	@Operation(summary = "The shipments of one order",
			description = "Every booking, oldest first: a parcel booked again after a failed delivery has a shipment "
					+ "per attempt.")
	List<ShipmentView> ofOrder(@PathVariable OrderKey id) {
		UUID orderId = orders.idOf(id);
		Map<UUID, DeliveryFailure> failed = failures.ofOrder(orderId)
			.stream()
			.collect(Collectors.toMap(DeliveryFailure::shipmentId, Function.identity()));
		return shipments.ofOrder(orderId).stream().map(s -> ShipmentView.of(s, failed.get(s.id()))).toList();
	}

	@GetMapping("/api/shipments/{id}")
	@Operation(summary = "One shipment")
	ShipmentView get(@PathVariable UUID id) {
		Shipment shipment = shipments.find(id)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No shipment " + id));
		return ShipmentView.of(shipment, failures.ofShipment(id).orElse(null));
	}

}
