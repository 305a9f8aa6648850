package io.orderflow.returns;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.payment.Payments;

import org.springframework.stereotype.Component;

/** {@link ReturnCredit} through the payment stage's credit memos ({@link Payments#creditAndRefund}). */
@Component
class PaymentsReturnCredit implements ReturnCredit {

	private final Payments payments;

	PaymentsReturnCredit(Payments payments) {
		this.payments = payments;
	}

	@Override
	public BigDecimal unitsPaid(UUID orderId, int lineNumber, int quantity) {
		CreditMemoItem item = payments.unitsPaid(orderId, lineNumber, quantity);
		return item.netAmount().add(item.taxAmount());
	}

	@Override
	public Refunded creditAndRefund(UUID orderId, String sourceKey, String reason, List<Units> units, BigDecimal fee) {
		List<CreditMemoItem> items = units.stream()
			.map(u -> payments.unitsPaid(orderId, u.lineNumber(), u.quantity()))
			.toList();
		CreditMemo memo = payments.creditAndRefund(orderId,
				new CreditMemoRequest(sourceKey, reason, items, BigDecimal.ZERO, fee));
		return new Refunded(memo.creditMemoNumber(), memo.totalAmount());
	}

}
