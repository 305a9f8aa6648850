package io.orderflow.exchange;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.orderflow.fulfillment.FulfillmentOrderStatus;
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

/** Exchanges over REST. */
@RestController
@Tag(name = "Exchanges", description = "Send units back and others (another size or product) in their place")
class ExchangeController {

	private final Exchanges exchanges;

	private final ExchangeEvents events;

	private final Orders orders;

	ExchangeController(Exchanges exchanges, ExchangeEvents events, Orders orders) {
		this.exchanges = exchanges;
		this.events = events;
		this.orders = orders;
	}

	@PostMapping("/api/orders/{id}/exchanges")
	@Operation(summary = "Request an exchange",
			description = "Units of shipped lines to send back, each with the return policy's reason, and the "
					+ "replacement to send instead (a SKU of the catalog, a quantity, and its unit price and tax rate, "
					+ "else those of the first returned line). Accepted (202) and carried out by the OrderExchange "
					+ "process: the return policy decides, the replacement becomes a line of the order and ships as a "
					+ "fulfillment order of it; a dearer replacement has the difference authorized and captured, a "
					+ "cheaper one the difference refunded when the units are back, an even one moves no money. An "
					+ "Idempotency-Key replays the first answer for the same body and is refused (422) for another.")
	@ApiResponse(responseCode = "202", description = "Exchange accepted")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "422", description = "Invalid fields, or more than a line has available to exchange")
	ResponseEntity<ExchangeView> request(@PathVariable OrderKey id, @RequestBody ExchangeRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		var result = exchanges.request(orders.idOf(id), request, idempotencyKey, principal.getName());
		Exchange exchange = exchanges.find(result.resource().id()).orElseThrow();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/exchanges/" + exchange.id()))
			.body(view(exchange));
	}

	@GetMapping("/api/orders/{id}/exchanges")
	@Operation(summary = "The order's exchanges, oldest first")
	List<ExchangeView> ofOrder(@PathVariable OrderKey id) {
		return exchanges.ofOrder(orders.idOf(id)).stream().map(this::view).toList();
	}

	@GetMapping("/api/exchanges/{id}")
	@Operation(summary = "One exchange: the units sent back, the replacement, the money and its fulfillment orders")
	ExchangeView get(@PathVariable UUID id) {
		return exchanges.find(id)
			.map(this::view)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No exchange with id " + id));
	}

	@PostMapping("/api/exchanges/{id}/events")
	@Operation(summary = "Report that the units an exchange sends back arrived",
			description = "RETURN_RECEIVED at a location, where they are restocked. Deduplicated by eventId: a repeat "
					+ "answers 200 DUPLICATE and changes nothing.")
	@ApiResponse(responseCode = "202", description = "Accepted")
	@ApiResponse(responseCode = "200", description = "Duplicate: this eventId was reported before")
	@ApiResponse(responseCode = "404", description = "Unknown exchange")
	@ApiResponse(responseCode = "409", description = "The exchange is not approved, its units already came back, or it expired (not back by the deadline)")
	@ApiResponse(responseCode = "422", description = "Invalid event; every invalid field is named")
	ResponseEntity<EventReceipt> report(@PathVariable UUID id, @Valid @RequestBody ExchangeEventRequest event) {
		EventReceipt receipt = events.receive(id, event);
		return ResponseEntity.status(receipt.httpStatus()).body(receipt);
	}

	private ExchangeView view(Exchange e) {
		return new ExchangeView(e.id(), e.orderId(), e.orderNumber(), e.status(), e.statusReason(), e.reserveOn(),
				e.kind(), e.currency(), e.returnedValue(), e.replacementValue(), e.difference(), e.lines(),
				e.replacement(), e.replacementLineNumber(), e.receivedAtLocation(), e.requestedBy(), e.createdAt(),
				e.updatedAt(), exchanges.fulfillmentOrders(e)
					.stream()
					.map(fo -> new FulfillmentOrderRef(fo.id(), fo.number(), fo.locationId(), fo.status()))
					.toList());
	}

	record ExchangeView(UUID id, UUID orderId, String orderNumber, ExchangeStatus status, String statusReason,
			String reserveOn, String kind, String currency, BigDecimal returnedValue, BigDecimal replacementValue,
			BigDecimal difference, List<Exchange.Line> lines, Exchange.Replacement replacement,
			Integer replacementLineNumber, String receivedAtLocation, String requestedBy, OffsetDateTime createdAt,
			OffsetDateTime updatedAt, List<FulfillmentOrderRef> fulfillmentOrders) {
	}

	record FulfillmentOrderRef(UUID id, String number, String locationId, FulfillmentOrderStatus status) {
	}

}
