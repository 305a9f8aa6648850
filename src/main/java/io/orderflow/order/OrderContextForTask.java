package io.orderflow.order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

import org.springframework.stereotype.Component;

/**
 * Puts the order's context on a user task, as task-local variables that the task's Camunda Form shows
 * read-only: customer, addresses, lines with quantities, the money (not for the warehouse, which gets neither
 * the customer's e-mail nor any amount), what is
 * backordered and the whole history with who and when; on a decision that moves money, what each choice would do
 * to it ({@link DecisionMoney}, from the module that carries the decision out). Set when the task is made, and again whenever its
 * form is opened ({@link #refresh}), so that the person deciding sees the order as it is then; what changed
 * since the task was made (status, units shipped or canceled) is spelled out as a warning. The process itself
 * keeps carrying only ids.
 */
@Component("orderContextForTask")
class OrderContextForTask implements TaskListener {

	/** The facts of the order when the task was made, to say what changed since. */
	static final String FACTS_AT_CREATION = "orderFactsAtCreation";

	static final String CHANGES = "orderChanges";

	/** The engine keeps a string variable in a column of 4,000 characters. */
	static final int MOST = 4000;

	private final Orders orders;

	private final TaskService tasks;

	private final IdentityService identity;

	/** By the user task they describe. */
	private final Map<String, DecisionMoney> decisionMoney;

	OrderContextForTask(Orders orders, TaskService tasks, IdentityService identity, List<DecisionMoney> decisionMoney) {
		this.orders = orders;
		this.tasks = tasks;
		this.identity = identity;
		this.decisionMoney = decisionMoney.stream()
			.collect(Collectors.toMap(DecisionMoney::taskDefinitionKey, Function.identity(), (one, other) -> {
				throw new IllegalStateException("Both " + one + " and " + other + " describe the money of "
						+ one.taskDefinitionKey());
			}));
	}

	@Override
	public void notify(DelegateTask task) {
		UUID orderId = OrderProcess.orderId(task);
		Order order = orders.find(orderId).orElseThrow(() -> new IllegalStateException("No order " + orderId));
		boolean money = moneyMayBeShown(task.getCandidates());
		Map<String, Object> variables = new HashMap<>(context(order, orders.timeline(orderId), money ? orders.money(order) : null));
		if (money) {
			decisionMoney(task.getTaskDefinitionKey(), order, task::getVariable)
				.ifPresent(words -> variables.put(DecisionMoney.VARIABLE, words));
		}
		variables.put(FACTS_AT_CREATION, facts(order));
		variables.put(CHANGES, "");
		task.setVariablesLocal(variables);
	}

	/**
	 * The task's order as it is now, written onto the task where it differs from what the task holds. Run by the
	 * engine's own rights (whoever opens the form may read it; the read that follows is checked as theirs). A
	 * task that is gone, or not of an order, is left alone; two refreshes at once write the same facts, and the
	 * one that loses the race is dropped.
	 */
	void refresh(String taskId) {
		Authentication asked = identity.getCurrentAuthentication();
		identity.clearAuthentication();
		try {
			Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
			Object orderId = task == null ? null : tasks.getVariable(taskId, OrderProcess.Variables.ORDER_ID);
			if (!(orderId instanceof String id) || tasks.getVariableLocal(taskId, FACTS_AT_CREATION) == null) {
				return;
			}
			Order order = orders.find(UUID.fromString(id)).orElse(null);
			if (order == null) {
				return;
			}
			boolean money = moneyMayBeShown(tasks.getIdentityLinksForTask(taskId));
			Map<String, Object> fresh = new LinkedHashMap<>(context(order, orders.timeline(order.id()),
					money ? orders.money(order) : null));
			fresh.put(CHANGES, changes((String) tasks.getVariableLocal(taskId, FACTS_AT_CREATION), facts(order)));
			if (money) {
				decisionMoney(task.getTaskDefinitionKey(), order, name -> tasks.getVariable(taskId, name))
					.ifPresent(words -> fresh.put(DecisionMoney.VARIABLE, words));
			}
			Map<String, Object> held = tasks.getVariablesLocal(taskId, fresh.keySet());
			fresh.entrySet().removeIf(entry -> Objects.equals(entry.getValue(), held.get(entry.getKey())));
			if (!fresh.isEmpty()) {
				tasks.setVariablesLocal(taskId, fresh);
			}
		}
		catch (OptimisticLockingException refreshedAtOnce) {
			// another opening of the form wrote the same facts
		}
		finally {
			if (asked != null) {
				identity.setAuthentication(asked);
			}
		}
	}

	/**
	 * What deciding the task would do to the order's money, in the words of the module that carries the decision
	 * out; empty for a task no module describes. Cut to what a string variable of the engine holds.
	 */
	private Optional<String> decisionMoney(String taskDefinitionKey, Order order, Function<String, Object> variable) {
		DecisionMoney describer = decisionMoney.get(taskDefinitionKey);
		if (describer == null) {
			return Optional.empty();
		}
		String words = describer.describe(order, variable);
		return Optional.of(words.length() <= MOST ? words : words.substring(0, MOST - 1) + "…");
	}

	/** Money on a task's form only where no warehouse user works on it (the warehouse reads no money). */
	private static boolean moneyMayBeShown(Collection<IdentityLink> links) {
		return links.stream()
			.noneMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && Groups.WAREHOUSE.equals(link.getGroupId()));
	}

	/** The context of a task; {@code money} is null for a task of the warehouse, which gets no money at all. */
	static Map<String, Object> context(Order order, List<TimelineEntry> timeline, MoneySummary money) {
		String backordered = order.lines()
			.stream()
			.filter(line -> line.quantities().netOrdered() > line.quantities().allocated())
			.map(line -> "line " + line.lineNumber() + ": " + (line.quantities().netOrdered() - line.quantities().allocated())
					+ " × " + line.sku() + " " + line.name())
			.collect(Collectors.joining("\n"));
		String history = newestThatFit(timeline.stream()
			.map(entry -> entry.occurredAt().toLocalDate() + " " + entry.occurredAt().toLocalTime().withNano(0) + "  "
					+ (entry.actor() == null ? "" : entry.actor() + ": ") + entry.description())
			.toList());
		Map<String, Object> context = new HashMap<>(Map.of("orderNumber", order.orderNumber(), "customerName",
				order.customer().name(), "customerEmail", order.customer().email(), "orderTotal",
				order.totals().grandTotal().toPlainString() + " " + order.currency(), "orderStatus",
				order.status().name(), "shippingAddress", oneLine(order.shippingAddress()), "billingAddress",
				oneLine(order.billingAddress()), "orderLines", lines(order), "backorderedLines",
				backordered.isEmpty() ? "nothing" : backordered, "orderHistory", history));
		if (money == null) {
			// the warehouse: the goods and where they go, not the customer's money or contact
			context.keySet().removeAll(Set.of("customerEmail", "orderTotal", "billingAddress"));
		}
		else {
			context.put("orderMoney", "authorized " + money.authorized().toPlainString() + ", captured "
					+ money.captured().toPlainString() + ", refunded " + money.refunded().toPlainString() + " "
					+ order.currency());
		}
		return context;
	}

	/**
	 * The history, oldest first, whole where it fits in a string variable of the engine ({@value #MOST} characters);
	 * else its newest entries, after a line saying how many earlier ones are on the order's page in the console.
	 */
	static String newestThatFit(List<String> entries) {
		String whole = String.join("\n", entries);
		if (whole.length() <= MOST) {
			return whole;
		}
		List<String> kept = new ArrayList<>();
		int length = 120;
		for (int i = entries.size() - 1; i >= 0 && length + entries.get(i).length() + 1 <= MOST; i--) {
			kept.add(0, entries.get(i));
			length += entries.get(i).length() + 1;
		}
		return "… " + (entries.size() - kept.size()) + " earlier entries: the whole history is on the order's page in "
				+ "the console.\n" + String.join("\n", kept);
	}

	/** What a decision rests on: the status, and per line the units shipped and canceled. */
	static String facts(Order order) {
		return order.status().name() + order.lines()
			.stream()
			.map(line -> "|" + line.lineNumber() + ":" + line.quantities().fulfilled() + ":" + line.quantities().canceled())
			.collect(Collectors.joining());
	}

	/** What changed between two {@link #facts}, in words; empty when nothing did. */
	static String changes(String then, String now) {
		if (then == null || then.equals(now)) {
			return "";
		}
		String[] before = then.split("\\|");
		String[] after = now.split("\\|");
		List<String> said = new ArrayList<>();
		if (!before[0].equals(after[0])) {
			said.add("The order was " + before[0] + " when this task was made; it is " + after[0] + " now.");
		}
		Map<String, int[]> earlier = new HashMap<>();
		for (int i = 1; i < before.length; i++) {
			String[] parts = before[i].split(":");
			earlier.put(parts[0], new int[] { Integer.parseInt(parts[1]), Integer.parseInt(parts[2]) });
		}
		for (int i = 1; i < after.length; i++) {
			String[] parts = after[i].split(":");
			int[] was = earlier.getOrDefault(parts[0], new int[2]);
			int shipped = Integer.parseInt(parts[1]) - was[0];
			int canceled = Integer.parseInt(parts[2]) - was[1];
			if (shipped > 0) {
				said.add("Line " + parts[0] + ": " + shipped + " unit(s) shipped since: already shipped, cancelling "
						+ "will not stop this parcel.");
			}
			if (canceled > 0) {
				said.add("Line " + parts[0] + ": " + canceled + " unit(s) canceled since.");
			}
		}
		return String.join("\n", said);
	}

	private static String lines(Order order) {
		return order.lines()
			.stream()
			.map(line -> line.lineNumber() + ". " + line.quantities().ordered() + " × " + line.sku() + " " + line.name()
					+ " at " + line.unitPrice().toPlainString() + " = " + line.total().toPlainString() + " "
					+ order.currency() + " (" + line.status() + ", allocated " + line.quantities().allocated()
					+ ", shipped " + line.quantities().fulfilled() + ", canceled " + line.quantities().canceled()
					+ ", returned " + line.quantities().returned() + ")")
			.collect(Collectors.joining("\n"));
	}

	private static String oneLine(Address a) {
		return a.name() + ", " + a.line1() + (a.line2() == null ? "" : ", " + a.line2()) + ", " + a.postalCode() + " "
				+ a.city() + ", " + a.country();
	}

}
