package io.orderflow.returns;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.orderflow.OrderProcess.ReturnProcess;
import io.orderflow.order.DecisionMoney;
import io.orderflow.order.Order;

import org.springframework.stereotype.Component;

/**
 * What "Review return" does to the money. Approved, the goods may come back, and once they arrive the units received
 * are refunded what was paid for them ({@link ReturnCredit#unitsPaid}: as sold, less their share of what was
 * already credited on the line, e.g. an appeasement) less the fee {@link RefundFees} keeps for their condition, as
 * {@link ReturnSteps#refund} does it. The condition is known only then, so the words say "up to" (every unit
 * resellable or damaged, whichever keeps less) and, where it differs, the least. Rejected, nothing is refunded.
 */
@Component
class ReturnReviewMoney implements DecisionMoney {

	private final Returns returns;

	private final ReturnCredit credit;

	private final RefundFees fees;

	ReturnReviewMoney(Returns returns, ReturnCredit credit, RefundFees fees) {
		this.returns = returns;
		this.credit = credit;
		this.fees = fees;
	}

	@Override
	public String taskDefinitionKey() {
		return ReturnProcess.Elements.USER_TASK_REVIEW_RETURN;
	}

	@Override
	public String describe(Order order, Function<String, Object> variable) {
		UUID id = UUID.fromString((String) variable.apply(ReturnProcess.Variables.RETURN_ORDER_ID));
		ReturnOrder ret = returns.find(id).orElseThrow(() -> new IllegalStateException("No return order " + id));
		String currency = order.currency();
		BigDecimal most = BigDecimal.ZERO;
		BigDecimal least = BigDecimal.ZERO;
		List<String> lines = new ArrayList<>();
		for (ReturnOrder.Line line : ret.lines()) {
			BigDecimal value = credit.unitsValue(order.id(), line.lineNumber(), line.quantity());
			BigDecimal paid = credit.unitsPaid(order.id(), line.lineNumber(), line.quantity());
			RefundFees.Fee ifResellable = fees.of(RefundFees.RESELLABLE, line.reason());
			RefundFees.Fee ifDamaged = fees.of(RefundFees.DAMAGED, line.reason());
			BigDecimal resellableFee = ifResellable.of(paid);
			BigDecimal damagedFee = ifDamaged.of(paid);
			most = most.add(paid.subtract(resellableFee.min(damagedFee)));
			least = least.add(paid.subtract(resellableFee.max(damagedFee)));
			String resellable = fee(resellableFee, ifResellable, currency);
			String damaged = fee(damagedFee, ifDamaged, currency);
			lines.add("line " + line.lineNumber() + ": " + line.quantity() + " × " + line.sku() + " ("
					+ line.reason() + "), " + amount(value, currency) + " as sold"
					+ (paid.compareTo(value) == 0 ? ""
							: ", less " + amount(value.subtract(paid), currency)
									+ " already credited on the line (its share of earlier appeasements)")
					+ ": " + amount(paid, currency) + " paid; "
					+ (resellable.equals(damaged) ? resellable : resellable + " if resellable, " + damaged + " if damaged"));
		}
		return "Approve: the goods may come back; once they arrive, up to " + amount(most, currency) + " is refunded"
				+ (least.compareTo(most) == 0 ? ""
						: ", " + amount(least, currency) + " if inspection finds every unit damaged")
				+ ". Units that do not arrive are not refunded.\n" + String.join("\n", lines)
				+ "\nReject: nothing is refunded.";
	}

	private static String fee(BigDecimal fee, RefundFees.Fee rule, String currency) {
		return fee.signum() == 0 ? "no fee" : "fee " + amount(fee, currency) + " (" + rule.reason() + ")";
	}

	private static String amount(BigDecimal amount, String currency) {
		return amount.toPlainString() + " " + currency;
	}

}
