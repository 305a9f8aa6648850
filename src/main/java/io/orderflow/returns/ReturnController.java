package io.orderflow.returns;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.OrderKey;
import io.orderflow.order.Orders;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.security.ReadAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Returns (RMA) over REST. */
@RestController
@Tag(name = "Returns", description = "Return shipped units: eligibility, review, receipt, restock and refund")
class ReturnController {

	private final Returns returns;

	private final ReturnEvents events;

	private final Orders orders;

	ReturnController(Returns returns, ReturnEvents events, Orders orders) {
		this.returns = returns;
		this.events = events;
		this.orders = orders;
	}

	@PostMapping("/api/orders/{id}/returns")
	@Operation(summary = "Request a return",
			description = "Lines with quantity and reason. Accepted (202) with its RMA number and carried on by the "
					+ "OrderReturn process: eligibility (bpmn/return-eligibility.dmn), a service agent's review, the "
					+ "goods' receipt, restock and refund (less the fees of bpmn/refund-fee.dmn). A line may ask for "
					+ "at most what shipped and is not in another return. An Idempotency-Key replays the first "
					+ "answer for the same body and is refused (422) for a different one.")
	@ApiResponse(responseCode = "202", description = "Return accepted")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "422", description = "Invalid fields, or more than a line has available to return")
	ResponseEntity<ReturnView> request(@PathVariable OrderKey id, @RequestBody ReturnRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		var result = returns.request(orders.idOf(id), request, idempotencyKey, principal.getName());
		ReturnOrder ret = returns.find(result.resource().id()).orElseThrow();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/returns/" + ret.id()))
			.body(ReturnView.of(ret));
	}

	@GetMapping("/api/orders/{id}/returns")
	@Operation(summary = "The order's returns, oldest first")
	List<ReturnView> ofOrder(@PathVariable OrderKey id, Authentication caller) {
		return returns.ofOrder(orders.idOf(id)).stream().map(r -> ReturnView.of(r, caller)).toList();
	}

	@GetMapping("/api/returns/{id}")
	@Operation(summary = "One return: lines, reasons, what arrived in which condition, the refund")
	ReturnView get(@PathVariable UUID id, Authentication caller) {
		return returns.find(id)
			.map(r -> ReturnView.of(r, caller))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No return with id " + id));
	}

	@PostMapping("/api/returns/{id}/events")
	@Operation(summary = "Report that a return's goods arrived",
			description = "RETURN_RECEIVED, per line the units that came and, if checked, how many are resellable "
					+ "and damaged (else the warehouse inspects them in Tasklist). Deduplicated by eventId: a repeat "
					+ "answers 200 DUPLICATE and changes nothing.")
	@ApiResponse(responseCode = "202", description = "Accepted")
	@ApiResponse(responseCode = "200", description = "Duplicate: this eventId was reported before")
	@ApiResponse(responseCode = "404", description = "Unknown return")
	@ApiResponse(responseCode = "409", description = "The return is not approved, or already received, closed or rejected")
	@ApiResponse(responseCode = "422", description = "Invalid event; every invalid field is named")
	ResponseEntity<EventReceipt> report(@PathVariable UUID id, @Valid @RequestBody ReturnEventRequest event) {
		EventReceipt receipt = events.receive(id, event);
		return ResponseEntity.status(receipt.httpStatus()).body(receipt);
	}

	record ReturnView(UUID id, String rmaNumber, UUID orderId, String orderNumber, ReturnStatus status,
			String statusReason, String requestedBy, String locationId, String note, String decisionNote,
			String creditMemoNumber,
			BigDecimal refundAmount, BigDecimal feeAmount, String currency, OffsetDateTime createdAt,
			OffsetDateTime updatedAt, List<ReturnOrder.Line> lines) {

		static ReturnView of(ReturnOrder r) {
			return new ReturnView(r.id(), r.rmaNumber(), r.orderId(), r.orderNumber(), r.status(), r.statusReason(),
					r.requestedBy(), r.locationId(), r.note(), r.decisionNote(), r.creditMemoNumber(), r.refundAmount(),
					r.feeAmount(), r.currency(), r.createdAt(), r.updatedAt(), r.lines());
		}

		/** Without the refund, the fee and the credit memo for whoever may not read money (the warehouse). */
		static ReturnView of(ReturnOrder r, Authentication caller) {
			if (ReadAccess.mayReadMoney(caller)) {
				return of(r);
			}
			return new ReturnView(r.id(), r.rmaNumber(), r.orderId(), r.orderNumber(), r.status(), r.statusReason(),
					r.requestedBy(), r.locationId(), r.note(), r.decisionNote(), null, null, null, null, r.createdAt(),
					r.updatedAt(), r.lines());
		}

	}

}
