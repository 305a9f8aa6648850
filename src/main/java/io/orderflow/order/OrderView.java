package io.orderflow.order;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An order as the REST API shows it: the record, its lines with quantities and derived statuses,
 * its money and (on the single-order resource) its timeline. Amounts serialize as decimal strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(UUID id, String orderNumber, OrderStatus status, Channel channel, String externalReference,
		Customer customer, String currency, Address shippingAddress, Address billingAddress,
		DeliveryMethod deliveryMethod, Payment payment, Totals totals, MoneySummary money, OrderHoldView hold,
		boolean late, List<OrderDelays.LateFulfillmentOrder> lateFulfillmentOrders, List<Line> lines,
		List<TimelineEntry> timeline, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version,
		@JsonProperty("_links") Map<String, Link> links) {

	public record Payment(PaymentMethod method) {
	}

	public record Line(int lineNumber, String sku, String name, int quantity, BigDecimal unitPrice,
			BigDecimal taxRate, BigDecimal subtotal, BigDecimal tax, BigDecimal total, LineQuantities quantities,
			LineStatus status, UUID exchangeId) {

		static Line of(OrderLine line) {
			return new Line(line.lineNumber(), line.sku(), line.name(), line.quantities().ordered(), line.unitPrice(),
					line.taxRate(), line.subtotal(), line.tax(), line.total(), LineQuantities.of(line.quantities()),
					line.status(), line.exchangeId());
		}

	}

	public record LineQuantities(int ordered, int canceled, int allocated, int fulfilled, int returnInitiated,
			int returned, int reshipped, int netOrdered, int availableToCancel, int availableToReturn,
			int availableToReship) {

		static LineQuantities of(Quantities q) {
			return new LineQuantities(q.ordered(), q.canceled(), q.allocated(), q.fulfilled(), q.returnInitiated(),
					q.returned(), q.reshipped(), q.netOrdered(), q.availableToCancel(), q.availableToReturn(),
					q.availableToReship());
		}

	}

	public record Link(String href) {
	}

	/** The full view of one order, timeline included, of an order with nothing late (one just taken). */
	public static OrderView of(Order order, MoneySummary money, List<TimelineEntry> timeline) {
		return of(order, money, null, List.of(), timeline);
	}

	/**
	 * The full view of one order, timeline included (null leaves it out), with its agent's hold while it is held
	 * ({@link OrderHolds}); {@code late} lists its fulfillment orders past the limits of their delivery method
	 * ({@link OrderDelays}), and the order is {@code late} when there is one.
	 */
	public static OrderView of(Order order, MoneySummary money, OrderHoldView hold,
			List<OrderDelays.LateFulfillmentOrder> late, List<TimelineEntry> timeline) {
		Map<String, Link> links = new LinkedHashMap<>();
		links.put("self", new Link("/api/orders/" + order.id()));
		links.put("fulfillmentOrders", new Link("/api/orders/" + order.id() + "/fulfillment-orders"));
		links.put("shipments", new Link("/api/orders/" + order.id() + "/shipments"));
		links.put("payments", new Link("/api/orders/" + order.id() + "/payments"));
		links.put("invoices", new Link("/api/orders/" + order.id() + "/invoices"));
		links.put("creditMemos", new Link("/api/orders/" + order.id() + "/credit-memos"));
		links.put("cancellations", new Link("/api/orders/" + order.id() + "/cancellations"));
		links.put("adjustments", new Link("/api/orders/" + order.id() + "/adjustments"));
		links.put("returns", new Link("/api/orders/" + order.id() + "/returns"));
		links.put("reshipments", new Link("/api/orders/" + order.id() + "/reshipments"));
		links.put("holds", new Link("/api/orders/" + order.id() + "/holds"));
		links.put("exchanges", new Link("/api/orders/" + order.id() + "/exchanges"));
		links.put("addressChanges", new Link("/api/orders/" + order.id() + "/address-changes"));
		if (order.processInstanceId() != null) {
			links.put("process", new Link("/engine-rest/process-instance/" + order.processInstanceId()));
		}
		return new OrderView(order.id(), order.orderNumber(), order.status(), order.channel(),
				order.externalReference(), order.customer(), order.currency(), order.shippingAddress(),
				order.billingAddress(), order.deliveryMethod(), new Payment(order.paymentMethod()), order.totals(),
				money, hold, !late.isEmpty(), List.copyOf(late), order.lines().stream().map(Line::of).toList(), timeline,
				order.createdAt(), order.updatedAt(), order.version(), links);
	}

}
