package io.orderflow.adjustment;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Function;

import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.order.DecisionMoney;
import io.orderflow.order.Order;
import io.orderflow.payment.LineCredits;

import org.springframework.stereotype.Component;

/**
 * What "Approve appeasement" does to the money. Approved, the adjustment is credited as
 * {@link AdjustmentSteps#refund} does it through {@link LineCredits#credit}: what was charged for the line (or
 * shipping) and not yet given back is refunded now, the rest taken off the line's next captures, or lapsing when
 * nothing of it is left to charge ({@link LineCredits#preview}). Rejected, nothing is credited.
 */
@Component
class AppeasementApprovalMoney implements DecisionMoney {

	private final Adjustments adjustments;

	private final LineCredits lineCredits;

	AppeasementApprovalMoney(Adjustments adjustments, LineCredits lineCredits) {
		this.adjustments = adjustments;
		this.lineCredits = lineCredits;
	}

	@Override
	public String taskDefinitionKey() {
		return AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT;
	}

	@Override
	public String describe(Order order, Function<String, Object> variable) {
		UUID id = UUID.fromString((String) variable.apply(AdjustmentProcess.Variables.ADJUSTMENT_ID));
		Adjustment adjustment = adjustments.find(id).orElseThrow(() -> new IllegalStateException("No adjustment " + id));
		LineCredits.Preview preview = lineCredits.preview(order.id(), adjustment.lineNumber(), adjustment.amount());
		String currency = adjustment.currency();
		String subject = adjustment.subject();
		String approve = "Approve: " + amount(adjustment.amount(), currency) + " off " + subject;
		if (preview.pending().signum() == 0) {
			approve += ", all of it refunded now: it was charged.";
		}
		else {
			approve += preview.refunded().signum() == 0
					? ", nothing refunded now: nothing of " + subject + " was charged and not given back yet; "
					: ": " + amount(preview.refunded(), currency) + " of it is refunded now, as much as was charged for "
							+ subject + " and not given back yet; the other ";
			approve += amount(preview.pending(), currency) + (preview.pendingLapses()
					? " lapses: nothing of " + subject + " is left to charge."
					: " is taken off the next capture(s) of " + subject + ", as it ships.");
		}
		return approve + "\nReject: nothing is credited, refunded or taken off a capture.";
	}

	private static String amount(BigDecimal amount, String currency) {
		return amount.toPlainString() + " " + currency;
	}

}
