package io.orderflow.console;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.orderflow.delivery.Shipments;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.TrackingLinks;
import io.orderflow.platform.security.FailedSignIns;
import io.orderflow.returns.Returns;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customers' tracking page, public: an order found by its number and the customer's e-mail, or by the signed
 * link of a notification. It shows the status, the items, the parcels with their tracking numbers and the returns
 * with their refunds; nothing else of the customer. A client address with {@code orderflow.tracking.max-failures}
 * failed look-ups within {@code failure-window} waits (429) until the window has passed since its last failure,
 * so that the page cannot be used to guess orders ({@link FailedSignIns}, as for sign-ins).
 */
@Controller
class TrackingController {

	private final Orders orders;

	private final Shipments shipments;

	private final Returns returns;

	private final TrackingLinks links;

	private final FailedSignIns failures;

	TrackingController(Orders orders, Shipments shipments, Returns returns, TrackingLinks links,
			@Value("${orderflow.tracking.max-failures:5}") int maxFailures,
			@Value("${orderflow.tracking.failure-window:PT15M}") Duration failureWindow) {
		this.orders = orders;
		this.shipments = shipments;
		this.returns = returns;
		this.links = links;
		this.failures = new FailedSignIns(maxFailures, failureWindow);
	}

	@GetMapping("/track")
	String form() {
		return "track/form";
	}

	@PostMapping("/track")
	String lookUp(@RequestParam(defaultValue = "") String orderNumber, @RequestParam(defaultValue = "") String email,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (blocked(request, response, model)) {
			return "track/form";
		}
		if (orderNumber.isBlank() || email.isBlank()) {
			// a form sent half filled in guesses nothing: named, not counted
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("missing", orderNumber.isBlank() ? "the order number" : "the e-mail address");
			model.addAttribute("orderNumber", orderNumber);
			model.addAttribute("email", email);
			return "track/form";
		}
		Optional<Order> order = orders.findByNumber(orderNumber.strip().toUpperCase(Locale.ROOT))
			.filter(o -> o.customer().email().equalsIgnoreCase(email.strip()));
		return show(order, request, response, model);
	}

	@GetMapping("/track/{orderNumber}")
	String link(@PathVariable String orderNumber, @RequestParam(name = "t", required = false) String signature,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (blocked(request, response, model)) {
			return "track/form";
		}
		Optional<Order> order = links.valid(orderNumber, signature) ? orders.findByNumber(orderNumber) : Optional.empty();
		return show(order, request, response, model);
	}

	private String show(Optional<Order> found, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (found.isEmpty()) {
			failures.failed(request.getRemoteAddr());
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("notFound", true);
			return "track/form";
		}
		Order order = found.get();
		model.addAttribute("order", order);
		model.addAttribute("shipments", shipments.ofOrder(order.id()));
		model.addAttribute("returns", returns.ofOrder(order.id()));
		return "track/order";
	}

	private boolean blocked(HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!failures.blocked(request.getRemoteAddr())) {
			return false;
		}
		response.setStatus(429);
		model.addAttribute("blocked", true);
		return true;
	}

}
