package io.orderflow.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.orderflow.addresschange.AddressChange;
import io.orderflow.addresschange.AddressChangeRequest;
import io.orderflow.addresschange.AddressChanges;
import io.orderflow.capture.OrderSubmission.AddressInput;
import io.orderflow.exchange.Exchange;
import io.orderflow.exchange.ExchangeRequest;
import io.orderflow.exchange.Exchanges;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.HeldOrders;
import io.orderflow.fulfillment.HeldOrders.HoldRequest;
import io.orderflow.order.Order;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.Orders;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.IdempotencyKeyMismatchException;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.returns.ReturnReason;
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
 * The changes an agent makes to an order beside its page: hold it and release it, change its shipping address,
 * exchange units for others. Each goes through the service the REST API uses (its rules, its refusals field by
 * field, shown beside the fields), with a key made when the form was shown as its Idempotency-Key, so that a form
 * sent twice asks once.
 */
@Controller
@RequestMapping("/console/orders/{id}")
class ConsoleChangeActions {

	/** The form's fields, in the order of the page, with their labels. */
	private static final Map<String, String> LABELS = labels("reason", "Reason", "fulfillmentOrder", "Fulfillment order",
			"name", "Name", "line1", "Address line 1", "line2", "Address line 2", "postalCode", "Postal code", "city",
			"City", "region", "Region", "country", "Country", "phone", "Phone", "line", "Line", "quantity", "Units",
			"returnReason", "Reason", "sku", "Replacement SKU", "replacementQuantity", "Replacement units", "unitPrice",
			"Replacement unit price");

	/** This form was sent before with other values (back, changed, sent again): a new one is ready. */
	private static final String SENT_BEFORE = "This form was already sent with other values, and that request stands "
			+ "(see the order's page). Nothing more was asked: send it again to make a new request.";

	private final Orders orders;

	private final HeldOrders heldOrders;

	private final OrderHolds holds;

	private final AddressChanges addressChanges;

	private final Exchanges exchanges;

	private final FulfillmentOrders fulfillmentOrders;

	private final AvailableUnits availableUnits;

	ConsoleChangeActions(Orders orders, HeldOrders heldOrders, OrderHolds holds, AddressChanges addressChanges,
			Exchanges exchanges, FulfillmentOrders fulfillmentOrders, AvailableUnits availableUnits) {
		this.orders = orders;
		this.heldOrders = heldOrders;
		this.holds = holds;
		this.addressChanges = addressChanges;
		this.exchanges = exchanges;
		this.fulfillmentOrders = fulfillmentOrders;
		this.availableUnits = availableUnits;
	}

	/** A change's form, empty (the shipping address form shows the order's current address). */
	@GetMapping("/{change:hold|release-hold|address-change|exchange}")
	String changeForm(@PathVariable String id, @PathVariable String change, Model model) {
		Order order = order(id);
		Map<String, String> typed = new LinkedHashMap<>();
		if (change.equals("address-change")) {
			var address = order.shippingAddress();
			typed.put("name", address.name());
			typed.put("line1", address.line1());
			typed.put("line2", address.line2());
			typed.put("postalCode", address.postalCode());
			typed.put("city", address.city());
			typed.put("region", address.region());
			typed.put("country", address.country());
			typed.put("phone", address.phone());
		}
		return form(change, order, typed, null, new Errors(), model);
	}

	@PostMapping("/hold")
	String hold(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user, Model model,
			RedirectAttributes redirect) {
		Order order = order(id);
		return send("hold", order, form, new Errors(), model, redirect, Map.of(), () -> "Order held: "
				+ heldOrders.hold(order.id(), new HoldRequest(form.get("reason")), form.get("requestKey"), user.getName())
					.resource()
					.reason());
	}

	@PostMapping("/release-hold")
	String releaseHold(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user,
			Model model, RedirectAttributes redirect) {
		Order order = order(id);
		return send("release-hold", order, form, new Errors(), model, redirect, Map.of(),
				() -> "Hold released: " + heldOrders
					.release(order.id(), new HoldRequest(form.get("reason")), form.get("requestKey"), user.getName())
					.resource()
					.releaseReason());
	}

	@PostMapping("/address-change")
	String changeAddress(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user,
			Model model, RedirectAttributes redirect) {
		Order order = order(id);
		String country = value(form, "country");
		AddressChangeRequest request = new AddressChangeRequest(
				new AddressInput(value(form, "name"), value(form, "line1"), value(form, "line2"),
						value(form, "postalCode"), value(form, "city"), value(form, "region"),
						country == null ? null : country.toUpperCase(Locale.ROOT), value(form, "phone")),
				value(form, "fulfillmentOrder"), value(form, "reason"));
		return send("address-change", order, form, new Errors(), model, redirect,
				Map.of("shippingAddress", "name", "fulfillmentOrderId", "fulfillmentOrder"), () -> {
					AddressChange change = addressChanges
						.request(order.id(), request, form.get("requestKey"), user.getName())
						.resource();
					return "Change of shipping address requested: " + change.status();
				});
	}

	@PostMapping("/exchange")
	String exchange(@PathVariable String id, @RequestParam Map<String, String> form, Authentication user, Model model,
			RedirectAttributes redirect) {
		Order order = order(id);
		Errors errors = new Errors();
		Integer line = whole(form, "line", errors);
		Integer quantity = whole(form, "quantity", errors);
		Integer replacementQuantity = whole(form, "replacementQuantity", errors);
		BigDecimal unitPrice = decimal(form, "unitPrice", errors);
		ExchangeRequest request = new ExchangeRequest(
				List.of(new ExchangeRequest.Line(line, quantity, value(form, "returnReason"))),
				new ExchangeRequest.Replacement(value(form, "sku"),
						replacementQuantity != null ? replacementQuantity : quantity, unitPrice, null));
		return send("exchange", order, form, errors, model, redirect,
				Map.of("lines", "line", "lines[0]", "line", "lines[0].lineNumber", "line", "lines[0].quantity", "quantity",
						"lines[0].reason", "returnReason", "replacement", "sku", "replacement.sku", "sku",
						"replacement.quantity", replacementQuantity != null ? "replacementQuantity" : "quantity",
						"replacement.unitPrice", "unitPrice", "replacement.taxRate", "unitPrice"),
				() -> {
					Exchange exchange = exchanges.request(order.id(), request, form.get("requestKey"), user.getName())
						.resource();
					return "Exchange requested: " + exchange.status();
				});
	}

	/**
	 * Asks the service unless the form itself is wrong; the order's page with what it answered, or the form again
	 * with each refusal beside its field.
	 * @param fields the form's field for each field of the service's refusals (the prefix of a nested one)
	 */
	private String send(String change, Order order, Map<String, String> form, Errors errors, Model model,
			RedirectAttributes redirect, Map<String, String> fields, Supplier<String> request) {
		if (errors.isEmpty()) {
			try {
				redirect.addFlashAttribute("done", request.get());
				return "redirect:/console/orders/" + order.id();
			}
			catch (IdempotencyKeyMismatchException sentBefore) {
				errors.add(null, SENT_BEFORE);
				return form(change, order, form, null, errors, model);
			}
			catch (InvalidRequestException refused) {
				refused.violations().forEach(v -> errors.add(field(v, fields), v.message()));
			}
			catch (StateConflictException refused) {
				errors.add(null, refused.getMessage());
			}
		}
		return form(change, order, form, form.get("requestKey"), errors, model);
	}

	/** The form's field a refusal names: {@code shippingAddress.postalCode} is {@code postalCode}. */
	private static String field(FieldViolation violation, Map<String, String> fields) {
		String name = violation.field();
		if (fields.containsKey(name)) {
			return fields.get(name);
		}
		int dot = name.lastIndexOf('.');
		if (dot > 0 && fields.containsKey(name.substring(0, dot))) {
			return name.substring(dot + 1);
		}
		return LABELS.containsKey(name) ? name : null;
	}

	private String form(String change, Order order, Map<String, String> typed, String requestKey, Errors errors,
			Model model) {
		model.addAttribute("title", switch (change) {
			case "hold" -> "Hold";
			case "release-hold" -> "Release the hold";
			case "address-change" -> "Change the shipping address";
			default -> "Exchange";
		});
		model.addAttribute("order", order);
		model.addAttribute("change", change);
		model.addAttribute("typed", typed);
		model.addAttribute("errors", errors.all());
		model.addAttribute("fieldErrors", errors.byField);
		model.addAttribute("requestKey", requestKey == null || requestKey.isBlank() ? UUID.randomUUID().toString() : requestKey);
		if (change.equals("release-hold")) {
			model.addAttribute("activeHold", holds.active(order.id()).orElse(null));
		}
		if (change.equals("address-change")) {
			model.addAttribute("fulfillmentOrders",
					fulfillmentOrders.ofOrder(order.id()).stream().filter(fo -> !fo.status().closed()).toList());
		}
		if (change.equals("exchange")) {
			Map<Integer, Integer> available = availableUnits.toReturnOrReship(order);
			model.addAttribute("lines", order.lines()
				.stream()
				.map(line -> new ConsoleActions.FormLine(line, available.getOrDefault(line.lineNumber(), 0), ""))
				.toList());
			model.addAttribute("reasons", ReturnReason.values());
		}
		return "console/change";
	}

	/** What the form says went wrong: each message beside its field, and all of them at the top. */
	static final class Errors {

		private final Map<String, String> byField = new LinkedHashMap<>();

		private final List<String> general = new ArrayList<>();

		void add(String field, String message) {
			if (field == null) {
				general.add(message);
			}
			else {
				byField.merge(field, message, (one, other) -> one + "; " + other);
			}
		}

		boolean isEmpty() {
			return byField.isEmpty() && general.isEmpty();
		}

		List<String> all() {
			List<String> all = new ArrayList<>(general);
			LABELS.forEach((field, label) -> {
				if (byField.containsKey(field)) {
					all.add(label + ": " + byField.get(field));
				}
			});
			return all;
		}

	}

	private static String value(Map<String, String> form, String field) {
		String value = form.get(field);
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** A whole number typed in a field, or null when it is empty; anything else is named. */
	private static Integer whole(Map<String, String> form, String field, Errors errors) {
		String typed = value(form, field);
		if (typed == null) {
			return null;
		}
		try {
			return Integer.valueOf(typed);
		}
		catch (NumberFormatException e) {
			errors.add(field, "a whole number of units, such as 1");
			return null;
		}
	}

	private static BigDecimal decimal(Map<String, String> form, String field, Errors errors) {
		String typed = value(form, field);
		if (typed == null) {
			return null;
		}
		try {
			return new BigDecimal(typed);
		}
		catch (NumberFormatException e) {
			errors.add(field, "a number such as 19.99");
			return null;
		}
	}

	private static Map<String, String> labels(String... fieldsAndLabels) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 0; i < fieldsAndLabels.length; i += 2) {
			labels.put(fieldsAndLabels[i], fieldsAndLabels[i + 1]);
		}
		return labels;
	}

	private Order order(String id) {
		return ConsoleController.order(orders, id);
	}

}
