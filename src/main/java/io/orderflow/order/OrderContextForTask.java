package io.orderflow.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.stereotype.Component;

/**
 * Puts the order's context on a user task when it is created, as task-local variables that the
 * task's Camunda Form shows read-only: customer, addresses, lines with quantities, amounts, what is
 * backordered and the latest history. The process itself keeps carrying only ids.
 */
@Component("orderContextForTask")
class OrderContextForTask implements TaskListener {

	private static final int HISTORY_ENTRIES = 8;

	private final Orders orders;

	OrderContextForTask(Orders orders) {
		this.orders = orders;
	}

	@Override
	public void notify(DelegateTask task) {
		UUID orderId = OrderProcess.orderId(task);
		Order order = orders.find(orderId).orElseThrow(() -> new IllegalStateException("No order " + orderId));
		task.setVariablesLocal(context(order, orders.timeline(orderId)));
	}

	static Map<String, Object> context(Order order, List<TimelineEntry> timeline) {
		String backordered = order.lines()
			.stream()
			.filter(line -> line.quantities().netOrdered() > line.quantities().allocated())
			.map(line -> "line " + line.lineNumber() + ": " + (line.quantities().netOrdered() - line.quantities().allocated())
					+ " × " + line.sku() + " " + line.name())
			.collect(Collectors.joining("\n"));
		String history = timeline.stream()
			.skip(Math.max(0, timeline.size() - HISTORY_ENTRIES))
			.map(entry -> entry.occurredAt().toLocalDate() + " " + entry.occurredAt().toLocalTime().withNano(0) + "  "
					+ entry.description())
			.collect(Collectors.joining("\n"));
		return Map.of("orderNumber", order.orderNumber(), "customerName", order.customer().name(), "customerEmail",
				order.customer().email(), "orderTotal", order.totals().grandTotal().toPlainString() + " " + order.currency(),
				"shippingAddress", oneLine(order.shippingAddress()), "billingAddress", oneLine(order.billingAddress()),
				"orderLines", lines(order), "backorderedLines", backordered.isEmpty() ? "nothing" : backordered,
				"orderHistory", history);
	}

	private static String lines(Order order) {
		return order.lines()
			.stream()
			.map(line -> line.lineNumber() + ". " + line.quantities().ordered() + " × " + line.sku() + " " + line.name()
					+ " at " + line.unitPrice().toPlainString() + " = " + line.total().toPlainString() + " "
					+ order.currency() + " (" + line.status() + ", allocated " + line.quantities().allocated()
					+ ", shipped " + line.quantities().fulfilled() + ", canceled " + line.quantities().canceled() + ")")
			.collect(Collectors.joining("\n"));
	}

	private static String oneLine(Address a) {
		return a.name() + ", " + a.line1() + (a.line2() == null ? "" : ", " + a.line2()) + ", " + a.postalCode() + " "
				+ a.city() + ", " + a.country();
	}

}
