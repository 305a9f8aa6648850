package io.orderflow.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.platform.web.FieldViolation;

/**
 * The rules every request that names order lines follows (cancellations, returns, reshipments): at least one
 * line and at most a limit, each naming a line of the order once with a quantity of at least 1. Every broken
 * rule is named by its JSON path ({@code lines[2].quantity}).
 */
public final class LineRequests {

	/** One requested line: which order line, and how many of its units. */
	public interface Line {

		Integer lineNumber();

		Integer quantity();

	}

	/** What a feature checks of a line besides number and quantity; adds its violations, answers whether fine. */
	@FunctionalInterface
	public interface More<L> {

		boolean check(String at, L line, List<FieldViolation> violations);

	}

	private LineRequests() {
	}

	/**
	 * Checks the lines and adds what is wrong to {@code violations}.
	 * @param order the order, or {@code null} when it is unknown (its number was wrong): line numbers are then
	 * not checked against it
	 * @param none the message when no line is named
	 * @param more a feature's own checks of each line, or {@code null}
	 * @return the lines that broke no rule, in the request's order
	 */
	public static <L extends Line> List<L> check(List<L> lines, Order order, int maxLines, String none,
			List<FieldViolation> violations, More<L> more) {
		List<L> valid = new ArrayList<>();
		if (lines == null || lines.isEmpty()) {
			violations.add(new FieldViolation("lines", none));
			return valid;
		}
		if (lines.size() > maxLines) {
			violations.add(new FieldViolation("lines", "at most " + maxLines + " lines"));
			return valid;
		}
		Set<Integer> known = order == null ? null
				: order.lines().stream().map(OrderLine::lineNumber).collect(Collectors.toSet());
		Set<Integer> seen = new HashSet<>();
		for (int i = 0; i < lines.size(); i++) {
			L line = lines.get(i);
			String at = "lines[" + i + "]";
			if (line == null) {
				violations.add(new FieldViolation(at, "is required"));
				continue;
			}
			boolean fine = true;
			if (line.lineNumber() == null) {
				violations.add(new FieldViolation(at + ".lineNumber", "is required"));
				fine = false;
			}
			else if (known != null && !known.contains(line.lineNumber())) {
				violations.add(new FieldViolation(at + ".lineNumber",
						"order " + order.orderNumber() + " has no line " + line.lineNumber()));
				fine = false;
			}
			else if (!seen.add(line.lineNumber())) {
				violations.add(new FieldViolation(at + ".lineNumber", "line " + line.lineNumber() + " is named twice"));
				fine = false;
			}
			if (line.quantity() == null) {
				violations.add(new FieldViolation(at + ".quantity", "is required"));
				fine = false;
			}
			else if (line.quantity() < 1) {
				violations.add(new FieldViolation(at + ".quantity", "must be at least 1"));
				fine = false;
			}
			if (more != null && !more.check(at, line, violations)) {
				fine = false;
			}
			if (fine) {
				valid.add(line);
			}
		}
		return valid;
	}

}
