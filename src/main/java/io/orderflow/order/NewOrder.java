package io.orderflow.order;

import java.math.BigDecimal;
import java.util.List;

/** An order that passed validation and has its totals computed, ready to be stored by {@link Orders#register}. */
public record NewOrder(Channel channel, String externalReference, Customer customer, String currency,
		Address shippingAddress, Address billingAddress, DeliveryMethod deliveryMethod, PaymentMethod paymentMethod,
		String paymentToken, Totals totals, List<NewOrderLine> lines) {

	public record NewOrderLine(String sku, String name, int quantity, BigDecimal unitPrice,
			BigDecimal taxRate, BigDecimal subtotal, BigDecimal tax,
			BigDecimal total) {
	}

}
