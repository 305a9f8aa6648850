package io.orderflow.fulfillment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.order.Address;
import io.orderflow.order.Order;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.OrderKey;
import io.orderflow.order.Orders;
import io.orderflow.platform.events.EventReceipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Locations report on their fulfillment orders here; fulfillment orders can be read. */
@RestController
@Tag(name = "Fulfillment orders", description = "The part of an order one location ships")
class FulfillmentOrderController {

	private final LocationEvents events;

	private final FulfillmentOrders fulfillmentOrders;

	private final Orders orders;

	private final LocationQueues queues;

	private final OrderHolds holds;

	private final FulfillmentDeadlines deadlines;

	private final FulfillmentShipTos shipTos;

	FulfillmentOrderController(LocationEvents events, FulfillmentOrders fulfillmentOrders, Orders orders,
			LocationQueues queues, OrderHolds holds, FulfillmentDeadlines deadlines, FulfillmentShipTos shipTos) {
		this.queues = queues;
		this.holds = holds;
		this.deadlines = deadlines;
		this.shipTos = shipTos;
		this.events = events;
		this.fulfillmentOrders = fulfillmentOrders;
		this.orders = orders;
	}

	@PostMapping("/api/fulfillment-orders/{id}/events")
	@Operation(summary = "Report a location event",
			description = "PICKED, PACKED, SHIPPED (with carrier and trackingNumber, or neither to let Orderflow "
					+ "book the carrier) or REJECTED; PARCEL_RETURNED when the parcel of a failed delivery, awaited back "
					+ "for a refund, is back at the location (counts as the carrier's RETURNED_TO_SENDER, whichever "
					+ "comes first). Deduplicated by eventId: a repeat answers 200 DUPLICATE and "
					+ "changes nothing. An event that arrives before the process waits for it is kept and "
					+ "delivered as soon as it does.")
	@ApiResponse(responseCode = "202", description = "Accepted")
	@ApiResponse(responseCode = "200", description = "Duplicate: this eventId was reported before")
	@ApiResponse(responseCode = "404", description = "Unknown fulfillment order")
	@ApiResponse(responseCode = "409", description = "The fulfillment order is finished, or the event goes backwards; "
			+ "PARCEL_RETURNED for a fulfillment order that awaits no parcel back")
	@ApiResponse(responseCode = "422", description = "Invalid event; every invalid field is named")
	ResponseEntity<EventReceipt> report(@PathVariable UUID id, @Valid @RequestBody LocationEventRequest event) {
		EventReceipt receipt = events.receive(id, event);
		return ResponseEntity.status(receipt.httpStatus()).body(receipt);
	}

	@GetMapping("/api/fulfillment-orders/{id}")
	@Operation(summary = "One fulfillment order with its lines, location, status, tracking, ship-to address and delivery method",
			description = "shipBy and deliverBy are its limits (by delivery method, bpmn/fulfillment-limits.dmn, or a "
					+ "service agent's new deadline); late is true while one passed in the stage it is in.")
	FulfillmentOrderView get(@PathVariable UUID id) {
		try {
			FulfillmentOrder fulfillmentOrder = fulfillmentOrders.find(id);
			return view(fulfillmentOrder, order(fulfillmentOrder.orderId()), deadlines.of(fulfillmentOrder.id()),
					holds.held(fulfillmentOrder.orderId()));
		}
		catch (FulfillmentOrderNotFoundException notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No fulfillment order " + id);
		}
	}

	@GetMapping("/api/orders/{id}/fulfillment-orders")
	@Operation(summary = "The fulfillment orders of one order")
	List<FulfillmentOrderView> ofOrder(@PathVariable OrderKey id) {
		Order order = orders.require(id);
		List<FulfillmentOrder> ofOrder = fulfillmentOrders.ofOrder(order.id());
		boolean held = holds.held(order.id());
		Map<UUID, FulfillmentDeadlines.Deadline> byId = deadlines.ofOrder(order.id());
		return ofOrder.stream()
			.map(f -> view(f, order, byId.getOrDefault(f.id(), FulfillmentDeadlines.Deadline.NONE), held))
			.toList();
	}

	@GetMapping("/api/locations/{locationId}/fulfillment-orders")
	@Operation(summary = "A location's work queue",
			description = "Its fulfillment orders in one status (RELEASED unless said otherwise), oldest first, a page "
					+ "at a time, with lines, ship-to and delivery method: how a location that takes no pushed "
					+ "messages learns what to pick. onHold: an agent holds the order, do not ship it yet.")
	List<FulfillmentOrderView> atLocation(@PathVariable String locationId,
			@RequestParam(defaultValue = "RELEASED") FulfillmentOrderStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		// a page's orders, deadlines, holds and addresses in one query each, not one per fulfillment order
		List<FulfillmentOrder> queue = queues.queue(locationId, status, page, size);
		Set<UUID> orderIds = queue.stream().map(FulfillmentOrder::orderId).collect(Collectors.toSet());
		Map<UUID, Order> ordersById = orders.findAll(orderIds);
		Map<UUID, FulfillmentDeadlines.Deadline> deadlineOf = deadlines
			.of(queue.stream().map(FulfillmentOrder::id).toList());
		Set<UUID> held = holds.heldAmong(orderIds);
		Map<UUID, Address> shipTo = shipTos.shipTos(queue, ordersById);
		return queue.stream()
			.map(f -> FulfillmentOrderView.of(f, ordersById.get(f.orderId()), shipTo.get(f.id()),
					deadlineOf.getOrDefault(f.id(), FulfillmentDeadlines.Deadline.NONE), held.contains(f.orderId())))
			.toList();
	}

	private FulfillmentOrderView view(FulfillmentOrder f, Order order, FulfillmentDeadlines.Deadline deadline,
			boolean held) {
		return FulfillmentOrderView.of(f, order, shipTos.shipTo(f, order), deadline, held);
	}

	private Order order(UUID orderId) {
		return orders.find(orderId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + orderId));
	}

}
