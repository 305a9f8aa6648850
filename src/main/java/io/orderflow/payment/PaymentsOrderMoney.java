package io.orderflow.payment;

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

}
