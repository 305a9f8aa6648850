package io.orderflow.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.orderflow.adjustment.AdjustmentRequest;
import io.orderflow.adjustment.Adjustments;
import io.orderflow.cancellation.CancellationNotPossibleException;
import io.orderflow.cancellation.CancellationRequest;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.reshipment.ReshipmentRequest;
import io.orderflow.reshipment.Reshipments;
import io.orderflow.returns.ReturnOrder;
import io.orderflow.returns.ReturnReason;
import io.orderflow.returns.ReturnRequest;
import io.orderflow.returns.Returns;
import io.orderflow.service.AvailableUnits;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The actions beside an order's lines: cancel items, return items, reship items and an appeasement. Each form shows the lines with what is
 * available for each, goes through the same service as the REST API (its rules, its refusals field by field),
 * and carries a key made when the form was shown, so that a form sent twice (a double click, a reload) asks
 * once.
 */
@Controller
@RequestMapping("/console/orders/{id}")
class ConsoleActions {

	/** One line of an action's form: the order line, what is available for the action, what was typed. */
	record FormLine(OrderLine line, int available, String typed) {
	}

	/** This form was sent before with other values (back, changed, sent again): a new one is ready. */
	private static final String SENT_BEFORE = "This form was already sent with other values, and that request stands "
			+ "(see the order's requests). Nothing more was asked: send it again to make a new request.";

	private final Orders orders;

	private final Cancellations cancellations;

	private final Returns returns;

	private final AvailableUnits availableUnits;

	private final Reshipments reshipments;

	private final Adjustments adjustments;

	ConsoleActions(Orders orders, Cancellations cancellations, Returns returns, AvailableUnits availableUnits,
			Reshipments reshipments, Adjustments adjustments) {
		this.orders = orders;
		this.cancellations = cancellations;
		this.returns = returns;
		this.availableUnits = availableUnits;
		this.reshipments = reshipments;
		this.adjustments = adjustments;
	}

	/** An action's form, empty, with the order's lines and what each has available for the action. */
	@GetMapping("/{action:cancel|return|reship|appease}")
	String actionForm(@PathVariable String id, @PathVariable String action, Model model) {
		return form(action, order(id), Map.of(), null, List.of(), model);
	}

	@PostMapping("/cancel")
	String cancel(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user, Model model,
			RedirectAttributes redirect) {
		return lineAction("cancel", id, form, model, redirect, "Enter how many units of which line to cancel.",
				(line, units) -> new CancellationRequest.Line(line.lineNumber(), units), CancellationRequest.Line::lineNumber,
				(order, lines) -> "Cancellation requested: " + cancellations
					.request(order.id(), new CancellationRequest(lines, false, form.get("reason")), form.get("requestKey"),
							user.getName())
					.resource()
					.status());
	}

	@PostMapping("/return")
	String startReturn(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user,
			Model model, RedirectAttributes redirect) {
		return lineAction("return", id, form, model, redirect, "Enter how many units of which line come back, and why.",
				(line, units) -> new ReturnRequest.Line(line.lineNumber(), units, form.get("reason_" + line.lineNumber())),
				ReturnRequest.Line::lineNumber, (order, lines) -> {
					ReturnOrder requested = returns
						.request(order.id(), new ReturnRequest(lines, form.get("note")), form.get("requestKey"), user.getName())
						.resource();
					return "Return " + requested.rmaNumber() + " requested: " + requested.status();
				});
	}

	@PostMapping("/reship")
	String reship(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user, Model model,
			RedirectAttributes redirect) {
		return lineAction("reship", id, form, model, redirect, "Enter how many units of which line to ship again.",
				(line, units) -> new ReshipmentRequest.Line(line.lineNumber(), units), ReshipmentRequest.Line::lineNumber,
				(order, lines) -> "Reshipment requested: " + reshipments
					.request(order.id(), new ReshipmentRequest(lines, form.get("reason")), form.get("requestKey"),
							user.getName())
					.resource()
					.status());
	}

	/**
	 * An action on units of lines: each line's units as typed (a refusal names the line), the service asked with
	 * them, and the order page with what it answered; or the form again with the refusals.
	 */
	private <L> String lineAction(String action, String id, Map<String, String> form, Model model,
			RedirectAttributes redirect, String nothing, BiFunction<OrderLine, Integer, L> asked,
			Function<L, Integer> lineNumber, BiFunction<Order, List<L>, String> send) {
		Order order = order(id);
		List<String> errors = new ArrayList<>();
		List<L> lines = new ArrayList<>();
		for (OrderLine line : order.lines()) {
			Integer quantity = units(form.get("qty_" + line.lineNumber()), line, errors);
			if (quantity != null && quantity > 0) {
				lines.add(asked.apply(line, quantity));
			}
		}
		if (errors.isEmpty() && lines.isEmpty()) {
			errors.add(nothing);
		}
		if (errors.isEmpty()) {
			try {
				redirect.addFlashAttribute("done", send.apply(order, lines));
				return "redirect:/console/orders/" + order.id();
			}
			catch (IdempotencyKeyMismatchException sentBefore) {
				errors.add(SENT_BEFORE);
				return form(action, order, form, null, errors, model);
			}
			catch (InvalidRequestException refused) {
				refused.violations().forEach(v -> errors.add(describe(v, lines.stream().map(lineNumber).toList())));
			}
			catch (CancellationNotPossibleException | StateConflictException refused) {
				errors.add(refused.getMessage());
			}
		}
		return form(action, order, form, form.get("requestKey"), errors, model);
	}

	/** An appeasement: an amount (or a percentage) off one line, or off the shipping, with a reason. */
	@PostMapping("/appease")
	String appease(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user, Model model,
			RedirectAttributes redirect) {
		Order order = order(id);
		List<String> errors = new ArrayList<>();
		String on = form.getOrDefault("on", "");
		Integer lineNumber = null;
		if (!on.equals("shipping")) {
			try {
				lineNumber = Integer.valueOf(on);
			}
			catch (NumberFormatException e) {
				errors.add("On: a line of the order, or the shipping.");
			}
		}
		BigDecimal amount = decimal(form.get("amount"), "Amount", errors);
		BigDecimal percentage = decimal(form.get("percentage"), "Percentage", errors);
		if (errors.isEmpty()) {
			try {
				var outcome = adjustments.request(order.id(), new AdjustmentRequest(lineNumber, on.equals("shipping"),
						amount, percentage, form.get("reason")), form.get("requestKey"), user.getName());
				redirect.addFlashAttribute("done", "Appeasement requested: " + outcome.resource().status());
				return "redirect:/console/orders/" + order.id();
			}
			catch (IdempotencyKeyMismatchException sentBefore) {
				errors.add(SENT_BEFORE);
				return form("appease", order, form, null, errors, model);
			}
			catch (InvalidRequestException refused) {
				refused.violations().forEach(v -> errors.add(describe(v, List.of())));
			}
			catch (StateConflictException refused) {
				errors.add(refused.getMessage());
			}
		}
		return form("appease", order, form, form.get("requestKey"), errors, model);
	}

	private static BigDecimal decimal(String typed, String label, List<String> errors) {
		if (typed == null || typed.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(typed.strip());
		}
		catch (NumberFormatException e) {
			errors.add(label + ": a number such as 5.00.");
			return null;
		}
	}

	private String form(String action, Order order, Map<String, String> typed, String requestKey, List<String> errors,
			Model model) {
		Map<Integer, Integer> available = action.equals("cancel") ? cancellations.availableToCancel(order.id())
				: availableUnits.toReturnOrReship(order);
		model.addAttribute("title", switch (action) {
			case "cancel" -> "Cancel items";
			case "return" -> "Return items";
			case "reship" -> "Reship items";
			default -> "Appeasement";
		});
		model.addAttribute("order", order);
		model.addAttribute("action", action);
		model.addAttribute("lines", order.lines()
			.stream()
			.map(line -> new FormLine(line, available.getOrDefault(line.lineNumber(), 0),
					typed.getOrDefault("qty_" + line.lineNumber(), "")))
			.toList());
		model.addAttribute("typed", typed);
		model.addAttribute("reasons", ReturnReason.values());
		model.addAttribute("requestKey", requestKey == null || requestKey.isBlank() ? UUID.randomUUID().toString() : requestKey);
		model.addAttribute("errors", errors);
		return "console/action";
	}

	/** The units typed for a line: empty is none; anything but a whole number from 0 is named. */
	private static Integer units(String typed, OrderLine line, List<String> errors) {
		if (typed == null || typed.isBlank()) {
			return null;
		}
		try {
			int units = Integer.parseInt(typed.strip());
			if (units >= 0) {
				return units;
			}
		}
		catch (NumberFormatException e) {
			// below
		}
		errors.add("Line " + line.lineNumber() + " (" + line.sku() + "): a whole number of units from 0.");
		return null;
	}

	/** A refusal of the service, in the words of the form: lines[2].quantity is the third line asked for. */
	private static String describe(FieldViolation violation, List<Integer> askedLines) {
		String field = violation.field();
		if (field.startsWith("lines[")) {
			int index = Integer.parseInt(field.substring(6, field.indexOf(']')));
			if (index < askedLines.size()) {
				return "Line " + askedLines.get(index) + ": " + violation.message();
			}
		}
		return field.isEmpty() ? violation.message()
				: Character.toUpperCase(field.charAt(0)) + field.substring(1) + ": " + violation.message();
	}

	private Order order(String id) {
		return ConsoleController.order(orders, id);
	}

}
