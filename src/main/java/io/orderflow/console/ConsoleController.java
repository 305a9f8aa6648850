package io.orderflow.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.orderflow.addresschange.AddressChanges;
import io.orderflow.adjustment.Adjustments;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.delivery.Shipments;
import io.orderflow.exchange.Exchanges;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.order.Channel;
import io.orderflow.order.Order;
import io.orderflow.order.OrderDelays;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.OrderPage;
import io.orderflow.order.OrderSearch;
import io.orderflow.order.OrderKey;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.payment.Payments;
import io.orderflow.platform.security.ReadAccess;
import io.orderflow.platform.web.MalformedValueException;
import io.orderflow.reshipment.Reshipments;
import io.orderflow.returns.Returns;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The console's pages: sign-in, the order search and the order page. Everything is read through the modules'
 * public services, as the REST API reads it; what a group may not read (money, the customer, service requests
 * with money in them) is left off the page, not only hidden.
 */
@Controller
@RequestMapping("/console")
class ConsoleController {

	static final int PAGE_SIZE = 25;

	private final Orders orders;

	private final FulfillmentOrders fulfillmentOrders;

	private final Shipments shipments;

	private final Payments payments;

	private final Cancellations cancellations;

	private final Returns returns;

	private final Adjustments adjustments;

	private final Reshipments reshipments;

	private final OrderHolds holds;

	private final OrderDelays delays;

	private final AddressChanges addressChanges;

	private final Exchanges exchanges;

	private final TaskService tasks;

	private final RuntimeService runtime;

	ConsoleController(Orders orders, FulfillmentOrders fulfillmentOrders, Shipments shipments, Payments payments,
			Cancellations cancellations, Returns returns, Adjustments adjustments, Reshipments reshipments,
			OrderHolds holds, OrderDelays delays, AddressChanges addressChanges, Exchanges exchanges,
			TaskService tasks, RuntimeService runtime) {
		this.orders = orders;
		this.fulfillmentOrders = fulfillmentOrders;
		this.shipments = shipments;
		this.payments = payments;
		this.cancellations = cancellations;
		this.returns = returns;
		this.adjustments = adjustments;
		this.reshipments = reshipments;
		this.holds = holds;
		this.delays = delays;
		this.addressChanges = addressChanges;
		this.exchanges = exchanges;
		this.tasks = tasks;
		this.runtime = runtime;
	}

	@GetMapping("/login")
	String login() {
		return "console/login";
	}

	@GetMapping({ "", "/" })
	String home() {
		return "redirect:/console/orders";
	}

	/** The search form and, below it, the orders that match, newest first. */
	@GetMapping("/orders")
	String search(@RequestParam(required = false) String orderNumber,
			@RequestParam(required = false) String externalReference,
			@RequestParam(required = false) String customerEmail, @RequestParam(required = false) String customerName,
			@RequestParam(required = false) String status,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String createdFrom,
			@RequestParam(required = false) String createdTo, @RequestParam(defaultValue = "0") String page,
			Authentication user, Model model) {
		List<String> errors = new ArrayList<>();
		OrderStatus statusValue = parse(status, "Status", OrderStatus.class, errors);
		Channel channelValue = parse(channel, "Channel", Channel.class, errors);
		LocalDate from = date(createdFrom, "Created from", errors);
		LocalDate to = date(createdTo, "Created to", errors);
		int pageNumber = number(page, errors);
		boolean money = ReadAccess.mayReadMoney(user);
		if (!money && blank(orderNumber)) {
			errors.add("Your group finds orders by their order number.");
		}
		model.addAttribute("query", new Query(orderNumber, externalReference, money ? customerEmail : null,
				money ? customerName : null, status, channel, createdFrom, createdTo));
		model.addAttribute("statuses", OrderStatus.values());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("errors", errors);
		model.addAttribute("money", money);
		if (errors.isEmpty()) {
			OrderPage result = orders.search(new OrderSearch(trim(orderNumber), trim(externalReference),
					money ? trim(customerEmail) : null, statusValue, channelValue,
					from == null ? null : from.atStartOfDay().atOffset(ZoneOffset.UTC),
					to == null ? null : to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), null,
					money ? trim(customerName) : null), pageNumber,
					PAGE_SIZE);
			model.addAttribute("result", result);
		}
		return "console/orders";
	}

	/** Everything about one order that the user's group may read. */
	@GetMapping("/orders/{id}")
	String order(@PathVariable String id, Authentication user, Model model) {
		Order order = order(orders, id);
		boolean money = ReadAccess.mayReadMoney(user);
		boolean service = ReadAccess.mayReadServiceRequests(user);
		model.addAttribute("order", order);
		model.addAttribute("steps", LifecycleSteps.of(order.status()));
		model.addAttribute("waitingAt", waitingAt(order));
		model.addAttribute("money", money);
		model.addAttribute("service", service);
		model.addAttribute("operator", ReadAccess.operates(user));
		model.addAttribute("fulfillmentOrders", fulfillmentOrders.ofOrder(order.id()));
		model.addAttribute("shipments", shipments.ofOrder(order.id()));
		model.addAttribute("returns", returns.ofOrder(order.id()));
		model.addAttribute("reshipments", reshipments.ofOrder(order.id()));
		exceptions(order, service, model);
		model.addAttribute("tasks", tasks.createTaskQuery().processInstanceBusinessKey(order.orderNumber()).list());
		if (money) {
			model.addAttribute("moneySummary", orders.money(order));
			model.addAttribute("ledger", payments.ledger(order.id()));
			model.addAttribute("transactions", payments.transactions(order.id()));
			model.addAttribute("timeline", orders.timeline(order.id()));
		}
		if (service) {
			model.addAttribute("cancellations", cancellations.ofOrder(order.id()));
			model.addAttribute("adjustments", adjustments.ofOrder(order.id()));
		}
		return "console/order";
	}

	/**
	 * What got in the order's way, for every group: whether an agent holds it (the warehouse must not ship it),
	 * which fulfillment orders are late, the exchanges (their amounts only where money may be read, by the page);
	 * and for the people who serve the customer the holds with who and why, and the changes of address.
	 */
	private void exceptions(Order order, boolean service, Model model) {
		List<OrderDelays.LateFulfillmentOrder> late = delays.of(order.id());
		model.addAttribute("activeHold", holds.active(order.id()).orElse(null));
		model.addAttribute("late", late);
		model.addAttribute("lateNumbers",
				late.stream().map(OrderDelays.LateFulfillmentOrder::fulfillmentOrderNumber).collect(Collectors.toSet()));
		model.addAttribute("exchanges", exchanges.ofOrder(order.id()));
		if (service) {
			model.addAttribute("holds", holds.ofOrder(order.id()));
			model.addAttribute("addressChanges", addressChanges.ofOrder(order.id()));
		}
	}

	/**
	 * The steps of the order's lifecycle it stands in now (a task, a message, a timer, a step about to run), by
	 * name: the leaves of the process instance's activity tree and of the instances it called (a fulfillment
	 * order's), not the subprocesses around them. None once the lifecycle has ended.
	 */
	private List<String> waitingAt(Order order) {
		List<String> steps = new ArrayList<>();
		if (order.processInstanceId() != null) {
			leaves(order.processInstanceId(), steps);
		}
		return steps.stream().distinct().toList();
	}

	private void leaves(String processInstanceId, List<String> steps) {
		ActivityInstance root = runtime.getActivityInstance(processInstanceId);
		if (root != null) {
			leaves(root, steps);
		}
		runtime.createProcessInstanceQuery()
			.superProcessInstanceId(processInstanceId)
			.list()
			.forEach(called -> leaves(called.getId(), steps));
	}

	private static void leaves(ActivityInstance instance, List<String> steps) {
		for (TransitionInstance starting : instance.getChildTransitionInstances()) {
			steps.add(name(starting.getActivityName(), starting.getActivityId()));
		}
		for (ActivityInstance child : instance.getChildActivityInstances()) {
			if (child.getChildActivityInstances().length > 0 || child.getChildTransitionInstances().length > 0) {
				leaves(child, steps);
			}
			else if (!"callActivity".equals(child.getActivityType())) {
				// a call activity's steps are those of the instance it called
				steps.add(name(child.getActivityName(), child.getActivityId()));
			}
		}
	}

	private static String name(String name, String id) {
		return name == null || name.isBlank() ? id : name;
	}

	/** The console's page for what the user's group may not do (403). */
	@RequestMapping("/denied")
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String denied(Model model) {
		model.addAttribute("status", 403);
		return "error";
	}

	/**
	 * A form sent without the token of the page it came from: a session that ended while it was open, or a form
	 * that was not the console's (403, nothing done).
	 */
	@RequestMapping("/expired")
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String expired(Model model) {
		model.addAttribute("status", 403);
		model.addAttribute("expired", true);
		return "error";
	}

	/** What the search form was filled in with, to show it again. */
	record Query(String orderNumber, String externalReference, String customerEmail, String customerName,
			String status, String channel, String createdFrom, String createdTo) {
	}

	/** An order id that names no order, or is no id at all: the console's 404 page. */
	static class NoSuchOrder extends RuntimeException {

		NoSuchOrder() {
			super("No such order");
		}

	}

	/**
	 * The order a console path names, by its id or its number (the links of the Tasklist forms), read as the API
	 * reads it ({@link OrderKey}).
	 * @throws NoSuchOrder when it names none
	 */
	static Order order(Orders orders, String idOrNumber) {
		try {
			return orders.require(OrderKey.valueOf(idOrNumber));
		}
		catch (MalformedValueException | UnknownOrderException notAnOrder) {
			throw new NoSuchOrder();
		}
	}

	private static <E extends Enum<E>> E parse(String value, String label, Class<E> type, List<String> errors) {
		if (blank(value)) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException e) {
			errors.add(label + ": there is no " + label.toLowerCase() + " \"" + value.strip() + "\".");
			return null;
		}
	}

	private static LocalDate date(String value, String label, List<String> errors) {
		if (blank(value)) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			errors.add(label + ": a date such as 2026-12-04.");
			return null;
		}
	}

	private static int number(String page, List<String> errors) {
		try {
			int value = Integer.parseInt(page.strip());
			if (value >= 0 && value <= 100_000) {
				return value;
			}
		}
		catch (NumberFormatException e) {
			// below
		}
		errors.add("Page: a page number from 0.");
		return 0;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String trim(String value) {
		return blank(value) ? null : value.strip();
	}

}
