package io.orderflow.fulfillment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.order.DecisionMoney;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.payment.Authorizations;

import org.springframework.stereotype.Component;

/**
 * What "Resolve backorder" does to the money. Cancelling cancels every unit not allocated yet
 * ({@link UnitCancellations#cancelUnallocated}); they were never charged, so nothing is refunded, and the part of the
 * payment authorization that covered them is released with the rest of what was not captured when the order
 * completes ({@link Authorizations#releaseUncaptured}): as much as a cancellation of those units would release
 * ({@link Authorizations#ifCanceled}). Waiting changes nothing.
 */
@Component
class BackorderResolutionMoney implements DecisionMoney {

	private final Authorizations authorizations;

	BackorderResolutionMoney(Authorizations authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public String taskDefinitionKey() {
		return LifecycleProcess.Elements.USER_TASK_RESOLVE_BACKORDER;
	}

	@Override
	public String describe(Order order, Function<String, Object> variable) {
		Map<Integer, Integer> units = new TreeMap<>();
		List<String> backordered = new ArrayList<>();
		for (OrderLine line : order.lines()) {
			int unallocated = line.quantities().availableToCancel();
			if (unallocated > 0) {
				units.put(line.lineNumber(), unallocated);
				backordered.add(unallocated + " × " + line.sku() + " (line " + line.lineNumber() + ")");
			}
		}
		if (units.isEmpty()) {
			return "Cancel the backordered lines: nothing is backordered any more, so nothing is canceled, released or "
					+ "refunded.\nKeep waiting: nothing changes.";
		}
		Authorizations.Release release = authorizations.ifCanceled(order.id(), units);
		String currency = release.currency();
		StringBuilder words = new StringBuilder("Cancel the backordered lines: ").append(String.join(", ", backordered))
			.append(" canceled; ");
		if (release.released().signum() == 0) {
			words.append("nothing of the payment authorization is released by it.");
		}
		else {
			words.append(amount(release.released(), currency)).append(" of the payment authorization is no longer "
					+ "needed for them and is released when the order completes")
				.append(release.kept().signum() == 0 ? ": all of it."
						: "; " + amount(release.kept(), currency) + " stays authorized for the rest.");
		}
		words.append(" Nothing is refunded: these units were not charged.");
		if (release.lapsingCredits().signum() > 0) {
			words.append(" ").append(amount(release.lapsingCredits(), currency)).append(" of appeasements waiting to "
					+ "be taken off later captures lapses: nothing would be left to charge that it could come off.");
		}
		words.append("\nKeep waiting: nothing changes")
			.append(release.released().signum() == 0 ? "."
					: "; " + amount(release.released(), currency) + " stays authorized for them while allocation is "
							+ "retried.");
		return words.toString();
	}

	private static String amount(BigDecimal amount, String currency) {
		return amount.toPlainString() + " " + currency;
	}

}
