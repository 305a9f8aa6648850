package io.orderflow.order;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the central order record. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders", description = "The central record of every order")
class OrderController {

	private final Orders orders;

	private final OrderHolds holds;

	private final OrderDelays delays;

	OrderController(Orders orders, OrderHolds holds, OrderDelays delays) {
		this.orders = orders;
		this.holds = holds;
		this.delays = delays;
	}

	@GetMapping("/{id}")
	@Operation(summary = "One order with its lines, quantities, money and timeline",
			description = "By its id or by its order number: /api/orders/OF-100001 is the same order as "
					+ "/api/orders/{its id}. While an agent holds it, hold says who, since when and why. late is true "
					+ "while a fulfillment order is past the limit of its delivery method (not shipped, or not "
					+ "delivered, in time); lateFulfillmentOrders names them.")
	OrderView get(@PathVariable OrderKey id) {
		Order order = orders.require(id);
		return OrderView.of(order, orders.money(order),
				holds.active(order.id()).map(OrderHoldView::of).orElse(null), delays.of(order.id()),
				orders.timeline(order.id()));
	}

	@GetMapping
	@Operation(summary = "Search orders, newest first",
			description = "Every filter is optional; createdFrom is inclusive, createdTo exclusive. With "
					+ "updatedSince (inclusive) only the orders changed since, oldest change first: what a system "
					+ "that polls for changes asks with the updatedAt of the last order it saw.")
	OrdersPageView search(@RequestParam(required = false) String orderNumber,
			@RequestParam(required = false) String externalReference,
			@RequestParam(required = false) String customerEmail, @RequestParam(required = false) OrderStatus status,
			@RequestParam(required = false) Channel channel,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime createdFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime createdTo,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		OrderPage result = orders.search(new OrderSearch(orderNumber, externalReference, customerEmail, status,
				channel, createdFrom, createdTo, updatedSince), page, size);
		// a page's money and delays in a look-up each, not two round trips per order
		Map<UUID, MoneySummary> money = orders.money(result.orders());
		Map<UUID, List<OrderDelays.LateFulfillmentOrder>> late = delays
			.ofOrders(result.orders().stream().map(Order::id).toList());
		List<OrderView> content = result.orders()
			.stream()
			.map(order -> OrderView.of(order, money.get(order.id()), null,
					late.getOrDefault(order.id(), List.of()), null))
			.toList();
		return new OrdersPageView(content, result.page(), result.size(), result.totalElements(), result.totalPages(),
				result.totalExact());
	}

	/**
	 * A page of the search. {@code totalElements} is exact up to 10,000 matching orders; beyond that it is at least
	 * 10,000 (or as many as the pages so far hold) and {@code totalExact} is false, and so is {@code totalPages}.
	 */
	record OrdersPageView(List<OrderView> content, int page, int size, long totalElements, int totalPages,
			boolean totalExact) {
	}

}
