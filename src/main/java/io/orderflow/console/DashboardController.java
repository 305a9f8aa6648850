package io.orderflow.console;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.orderflow.order.OrderFigures;
import io.orderflow.order.OrderStatus;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's dashboard: orders per status, the stuck ones with links to them, and the orders accepted and
 * delivered per hour over the last day, as bar charts drawn by the page itself (HTML and CSS, no script).
 */
@Controller
class DashboardController {

	static final int HOURS = 24;

	private final OrderFigures figures;

	DashboardController(OrderFigures figures) {
		this.figures = figures;
	}

	@GetMapping("/console/dashboard")
	String dashboard(Model model) {
		Map<OrderStatus, Long> byStatus = figures.byStatus();
		List<OrderFigures.Hour> accepted = figures.acceptedPerHour(HOURS);
		List<OrderFigures.Hour> delivered = figures.deliveredPerHour(HOURS);
		model.addAttribute("byStatus", byStatus);
		model.addAttribute("statusMax", max(byStatus.values()));
		model.addAttribute("stuckCounts", figures.stuckCounts());
		model.addAttribute("stuck", figures.stuck(50));
		model.addAttribute("accepted", accepted);
		model.addAttribute("delivered", delivered);
		model.addAttribute("hourMax", Math.max(max(accepted.stream().map(OrderFigures.Hour::orders).toList()),
				max(delivered.stream().map(OrderFigures.Hour::orders).toList())));
		return "console/dashboard";
	}

	private static long max(Collection<Long> values) {
		return Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
	}

}
