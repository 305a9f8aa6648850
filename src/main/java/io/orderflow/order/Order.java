package io.orderflow.order;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The central record of one order, as stored in Orderflow's tables. */
public record Order(UUID id, String orderNumber, Channel channel, String externalReference, Customer customer,
		String currency, Address shippingAddress, Address billingAddress, DeliveryMethod deliveryMethod,
		PaymentMethod paymentMethod, Totals totals, OrderStatus status, String processInstanceId, String createdBy,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, long version, List<OrderLine> lines) {

	/** The line with that number. @throws IllegalArgumentException when the order has none */
	public OrderLine line(int lineNumber) {
		return lines.stream()
			.filter(line -> line.lineNumber() == lineNumber)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Order " + orderNumber + " has no line " + lineNumber));
	}

}
