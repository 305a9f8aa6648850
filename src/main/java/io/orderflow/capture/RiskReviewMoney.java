package io.orderflow.capture;

import java.math.BigDecimal;
import java.util.function.Function;

import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.order.DecisionMoney;
import io.orderflow.order.Order;
import io.orderflow.payment.Authorizations;

import org.springframework.stereotype.Component;

/**
 * What "Review order risk" does to the money. Approved, the payment authorization stays and is captured shipment by
 * shipment; rejected, it is voided ({@code Task_VoidAuthorization}: {@link Authorizations#voidAuthorization}),
 * releasing what it holds ({@link Authorizations#uncaptured}). The order is still in capture: nothing was charged.
 */
@Component
class RiskReviewMoney implements DecisionMoney {

	private final Authorizations authorizations;

	RiskReviewMoney(Authorizations authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public String taskDefinitionKey() {
		return LifecycleProcess.Elements.USER_TASK_REVIEW_RISK;
	}

	@Override
	public String describe(Order order, Function<String, Object> variable) {
		BigDecimal authorized = authorizations.uncaptured(order.id());
		String amount = authorized.toPlainString() + " " + order.currency();
		if (authorized.signum() == 0) {
			return "Approve: nothing is authorized, so the order cannot be approved.\n"
					+ "Reject: nothing is authorized, so nothing is released or refunded.";
		}
		return "Approve: the " + amount + " authorized stays, to be captured shipment by shipment as the "
				+ "order ships; nothing is charged now.\n"
				+ "Reject: the payment authorization is voided, releasing " + amount
				+ "; nothing was charged, so nothing is refunded.";
	}

}
