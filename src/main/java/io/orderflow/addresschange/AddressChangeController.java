package io.orderflow.addresschange;

import java.net.URI;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.Address;
import io.orderflow.order.OrderKey;
import io.orderflow.order.Orders;
import io.orderflow.platform.events.EventReceipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

/** Changes of shipping address over REST, and the locations' answers. */
@RestController
@Tag(name = "Address changes", description = "Ship an order, or one fulfillment order, to another address before it ships")
class AddressChangeController {

	private final AddressChanges changes;

	private final AddressChangeEvents events;

	private final Orders orders;

	AddressChangeController(AddressChanges changes, AddressChangeEvents events, Orders orders) {
		this.changes = changes;
		this.events = events;
		this.orders = orders;
	}

	@PostMapping("/api/orders/{id}/address-changes")
	@Operation(summary = "Change the shipping address",
			description = "A new shippingAddress (the fields and rules of an order's address), a reason, and "
					+ "optionally one fulfillmentOrderId (its id or number) to change only that one. Accepted (202) "
					+ "and carried out by the OrderAddressChange process: what is not yet at a location changes at "
					+ "once (the order's address for what is not yet allocated, fulfillment orders not yet released); "
					+ "each location that has the goods is asked to accept or refuse before a deadline, else they ship "
					+ "to the old address. An Idempotency-Key replays the first answer for the same body and is refused "
					+ "(422) for a different one.")
	@ApiResponse(responseCode = "202", description = "Address change accepted")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "409", description = "What it would change has shipped, the order is over, or another "
			+ "address change of the order is under way")
	@ApiResponse(responseCode = "422", description = "Invalid fields, every one named")
	ResponseEntity<AddressChangeView> request(@PathVariable OrderKey id, @RequestBody AddressChangeRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		var result = changes.request(orders.idOf(id), request, idempotencyKey, principal.getName());
		AddressChange change = changes.find(result.resource().id()).orElseThrow();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/address-changes/" + change.id()))
			.body(AddressChangeView.of(change));
	}

	@GetMapping("/api/orders/{id}/address-changes")
	@Operation(summary = "The order's address changes, oldest first")
	List<AddressChangeView> ofOrder(@PathVariable OrderKey id) {
		return changes.ofOrder(orders.idOf(id)).stream().map(AddressChangeView::of).toList();
	}

	@GetMapping("/api/address-changes/{id}")
	@Operation(summary = "One address change: the new address and, per fulfillment order, what came of it")
	AddressChangeView get(@PathVariable UUID id) {
		return changes.find(id)
			.map(AddressChangeView::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No address change with id " + id));
	}

	@PostMapping("/api/address-changes/{id}/events")
	@Operation(summary = "A location accepts or refuses an address change",
			description = "ACCEPTED (the fulfillment order ships to the new address, unless it has shipped already) or "
					+ "REFUSED (it ships to the old one), for the fulfillment order named in "
					+ "fulfillment_order.address_change_requested, before its answerBy. Deduplicated by eventId: a "
					+ "repeat answers 200 DUPLICATE and changes nothing.")
	@ApiResponse(responseCode = "202", description = "Accepted")
	@ApiResponse(responseCode = "200", description = "Duplicate: this eventId was reported before")
	@ApiResponse(responseCode = "404", description = "Unknown address change")
	@ApiResponse(responseCode = "409", description = "The fulfillment order's answer is in already, or the deadline passed")
	@ApiResponse(responseCode = "422", description = "Invalid event, or a fulfillment order the change did not ask about")
	ResponseEntity<EventReceipt> answer(@PathVariable UUID id, @Valid @RequestBody AddressChangeEventRequest event) {
		EventReceipt receipt = events.receive(id, event);
		return ResponseEntity.status(receipt.httpStatus()).body(receipt);
	}

	record AddressChangeView(UUID id, UUID orderId, String orderNumber, UUID fulfillmentOrderId,
			Address shippingAddress, String reason, AddressChangeStatus status, String result,
			boolean orderAddressChanged, String requestedBy, OffsetDateTime answerDeadline, OffsetDateTime createdAt,
			OffsetDateTime updatedAt, List<AddressChange.Target> fulfillmentOrders) {

		static AddressChangeView of(AddressChange c) {
			return new AddressChangeView(c.id(), c.orderId(), c.orderNumber(), c.fulfillmentOrderId(),
					c.shippingAddress(), c.reason(), c.status(), c.result(), c.orderAddressChanged(), c.requestedBy(),
					c.answerDeadline(), c.createdAt(), c.updatedAt(), c.targets());
		}

	}

}
