package io.orderflow.adjustment;

import java.math.BigDecimal;
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

/** Adjustments (discounts, appeasements) over REST. */
@RestController
@Tag(name = "Adjustments", description = "Discounts and appeasements on a line or on shipping, refunded")
class AdjustmentController {

	private final Adjustments adjustments;

	private final Orders orders;

	AdjustmentController(Adjustments adjustments, Orders orders) {
		this.adjustments = adjustments;
		this.orders = orders;
	}

	@PostMapping("/api/orders/{id}/adjustments")
	@Operation(summary = "Request an adjustment",
			description = "lineNumber or shipping: true; amount (tax included for a line) or percentage (of the "
					+ "line's value with tax, or of the shipping charge, rounded half-up); and a reason. Accepted (202) "
					+ "and carried out by the OrderAdjustment process: above "
					+ "orderflow.service.appeasement-approval-threshold a supervisor other than the requester approves; "
					+ "then what of it was captured is credited and refunded, and the rest is taken off the line's (or "
					+ "shipping's) next capture(s) (status AWAITING_CAPTURE, then APPLIED; LAPSED when the order is "
					+ "canceled first). At most the line's value with tax of its units not canceled (or the shipping "
					+ "charge) minus earlier credits and adjustments. An Idempotency-Key replays the first answer "
					+ "for the same body and is refused (422) for a different one.")
	@ApiResponse(responseCode = "202", description = "Adjustment accepted")
	@ApiResponse(responseCode = "404", description = "No such order")
	@ApiResponse(responseCode = "422", description = "Invalid fields, or more than is available to adjust")
	ResponseEntity<AdjustmentView> request(@PathVariable OrderKey id, @RequestBody AdjustmentRequest request,
			@Parameter(description = "Makes a retried request safe") @RequestHeader(name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		var result = adjustments.request(orders.idOf(id), request, idempotencyKey, principal.getName());
		Adjustment adjustment = adjustments.find(result.resource().id()).orElseThrow();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/adjustments/" + adjustment.id()))
			.body(AdjustmentView.of(adjustment));
	}

	@GetMapping("/api/orders/{id}/adjustments")
	@Operation(summary = "The order's adjustments, oldest first")
	List<AdjustmentView> ofOrder(@PathVariable OrderKey id) {
		return adjustments.ofOrder(orders.idOf(id)).stream().map(AdjustmentView::of).toList();
	}

	@GetMapping("/api/adjustments/{id}")
	@Operation(summary = "One adjustment: what it takes off, its status, who approved it, its credit memo, "
			+ "how much was refunded, taken off captures, still awaits a capture or lapsed")
	AdjustmentView get(@PathVariable UUID id) {
		return adjustments.find(id)
			.map(AdjustmentView::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No adjustment with id " + id));
	}

	record AdjustmentView(UUID id, UUID orderId, String orderNumber, Adjustment.Target target, Integer lineNumber,
			Adjustment.Kind kind, String percentage, String amount, String netAmount, String taxAmount,
			String currency, String reason, AdjustmentStatus status, String requestedBy, String approvedBy,
			String decisionNote, UUID creditMemoId, String refundedAmount, String captureLoweredAmount,
			String awaitingCaptureAmount, String lapsedAmount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

		static AdjustmentView of(Adjustment a) {
			return new AdjustmentView(a.id(), a.orderId(), a.orderNumber(), a.target(), a.lineNumber(), a.kind(),
					a.kind() == Adjustment.Kind.PERCENTAGE ? a.requestedValue().toPlainString() : null,
					plain(a.amount()), plain(a.netAmount()), plain(a.taxAmount()), a.currency(), a.reason(), a.status(),
					a.requestedBy(), a.approvedBy(), a.decisionNote(), a.creditMemoId(), plain(a.refundedAmount()),
					plain(a.captureLoweredAmount()), plain(a.awaitingCaptureAmount()), plain(a.lapsedAmount()),
					a.createdAt(), a.updatedAt());
		}

		private static String plain(BigDecimal amount) {
			return amount.toPlainString();
		}

	}

}
