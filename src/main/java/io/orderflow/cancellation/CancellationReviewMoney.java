package io.orderflow.cancellation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.order.DecisionMoney;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.payment.Authorizations;

import org.springframework.stereotype.Component;

/**
 * What "Review cancellation" does to the money. Approved, the units asked for that have not shipped are canceled
 * ({@link Cancellations#carryOut}) and the payment authorization is brought down to what is still to be charged
 * ({@link Authorizations#reduceToOutstanding}, previewed by {@link Authorizations#ifCanceled}); nothing is refunded,
 * since only shipped units are charged and shipped units are never canceled. Rejected, nothing changes.
 */
@Component
class CancellationReviewMoney implements DecisionMoney {

	private final Cancellations cancellations;

	private final Authorizations authorizations;

	CancellationReviewMoney(Cancellations cancellations, Authorizations authorizations) {
		this.cancellations = cancellations;
		this.authorizations = authorizations;
	}

	@Override
	public String taskDefinitionKey() {
		return CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
	}

	@Override
	public String describe(Order order, Function<String, Object> variable) {
		UUID id = UUID.fromString((String) variable.apply(CancellationProcess.Variables.CANCELLATION_ID));
		Cancellation cancellation = cancellations.find(id)
			.orElseThrow(() -> new IllegalStateException("No cancellation " + id));
		Map<Integer, Integer> units = new TreeMap<>();
		List<String> canceled = new ArrayList<>();
		List<String> shipped = new ArrayList<>();
		for (Cancellation.Line line : cancellation.lines()) {
			OrderLine orderLine = order.line(line.lineNumber());
			int notShipped = Math.max(0, orderLine.quantities().netOrdered() - orderLine.quantities().fulfilled());
			int cancel = Math.min(line.requested(), notShipped);
			if (cancel > 0) {
				units.put(line.lineNumber(), cancel);
				canceled.add(cancel + " × " + line.sku() + " (line " + line.lineNumber() + ")");
			}
			if (line.requested() > cancel) {
				shipped.add((line.requested() - cancel) + " × " + line.sku() + " (line " + line.lineNumber() + ")");
			}
		}
		Authorizations.Release release = authorizations.ifCanceled(order.id(), units);
		String currency = release.currency();
		StringBuilder words = new StringBuilder("Approve: ");
		if (units.isEmpty()) {
			words.append("nothing is canceled, every unit asked for has shipped; nothing is released or refunded.");
		}
		else {
			words.append(String.join(", ", canceled)).append(" canceled; ").append(authorization(release))
				.append(" Nothing is refunded: these units were not charged.");
		}
		if (!shipped.isEmpty()) {
			words.append(" ").append(String.join(", ", shipped)).append(shipped.size() == 1 ? " has" : " have")
				.append(" shipped and stays: it was charged, and only a return refunds it.");
		}
		if (release.lapsingCredits().signum() > 0) {
			words.append(" ").append(amount(release.lapsingCredits(), currency)).append(" of appeasements waiting to "
					+ "be taken off later captures lapses: nothing would be left to charge that it could come off.");
		}
		words.append("\nReject: nothing is canceled, released or refunded")
			.append(release.open().signum() > 0 ? "; " + amount(release.open(), currency) + " stays authorized." : ".");
		return words.toString();
	}

	/** What the cancellation does to the open authorization. */
	private static String authorization(Authorizations.Release release) {
		String currency = release.currency();
		if (release.open().signum() == 0) {
			return "nothing is authorized any more, so nothing is released.";
		}
		if (release.released().signum() == 0) {
			return "the " + amount(release.open(), currency) + " authorized stays, all of it still to be charged.";
		}
		if (release.kept().signum() == 0) {
			return "the payment authorization is voided, releasing " + amount(release.released(), currency) + ".";
		}
		return amount(release.released(), currency) + " of the payment authorization is released; "
				+ amount(release.kept(), currency) + " stays authorized for the rest.";
	}

	private static String amount(BigDecimal amount, String currency) {
		return amount.toPlainString() + " " + currency;
	}

}
