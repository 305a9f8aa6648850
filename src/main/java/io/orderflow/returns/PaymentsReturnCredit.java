package io.orderflow.returns;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.payment.Refunds;

import org.springframework.stereotype.Component;

/** {@link ReturnCredit} through the payment stage's credit memos ({@link Payments#creditAndRefund}). */
@Component
class PaymentsReturnCredit implements ReturnCredit {

	private final Refunds refunds;

	PaymentsReturnCredit(Refunds refunds) {
		this.refunds = refunds;
	}

	@Override
	public BigDecimal unitsValue(UUID orderId, int lineNumber, int quantity) {
		CreditMemoItem item = refunds.unitsValue(orderId, lineNumber, quantity);
		return item.netAmount().add(item.taxAmount());
	}

	@Override
	public BigDecimal unitsPaid(UUID orderId, int lineNumber, int quantity) {
		CreditMemoItem item = refunds.unitsPaid(orderId, lineNumber, quantity);
		return item.netAmount().add(item.taxAmount());
	}

	@Override
	public Refunded creditAndRefund(UUID orderId, String sourceKey, String reason, List<Units> units, BigDecimal fee) {
		List<CreditMemoItem> items = units.stream()
			.map(u -> refunds.unitsPaid(orderId, u.lineNumber(), u.quantity()))
			.toList();
		CreditMemo memo = refunds.creditAndRefund(orderId,
				new CreditMemoRequest(sourceKey, reason, items, BigDecimal.ZERO, fee));
		return new Refunded(memo.creditMemoNumber(), memo.totalAmount());
	}

}
