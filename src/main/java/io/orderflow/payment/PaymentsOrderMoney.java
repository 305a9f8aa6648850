package io.orderflow.payment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.order.MoneySummary;
import io.orderflow.order.Order;
import io.orderflow.order.OrderMoney;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The payment stage's answer to what an order shows of its money. */
@Component
class PaymentsOrderMoney implements OrderMoney {

	private final PaymentRepository payments;

	PaymentsOrderMoney(PaymentRepository payments) {
		this.payments = payments;
	}

	@Override
	@Transactional(readOnly = true)
	public MoneySummary of(Order order) {
		return payments.moneySummary(order.id(), order.currency());
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, MoneySummary> ofOrders(List<Order> orders) {
		Map<UUID, String> currencies = new LinkedHashMap<>();
		orders.forEach(order -> currencies.put(order.id(), order.currency()));
		return payments.moneySummaries(currencies);
	}

}
