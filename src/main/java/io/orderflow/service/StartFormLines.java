package io.orderflow.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.platform.web.FieldViolation;

/**
 * The lines a start form names as text, {@code "lineNumber:quantity, ..."}, read without judging them: a
 * part that cannot be read becomes a line without a line number or quantity, so that the REST API's own
 * validation refuses it, and its violations ({@code lines[i].quantity}, {@code reason}, ...) are named
 * after the form's fields again.
 */
public final class StartFormLines {

	private static final Pattern LINE_IN_PATH = Pattern.compile("^lines\\[(\\d+)]\\.?(.*)$");

	/** One part of the text as written, and what could be read from it (null where nothing could). */
	public record Part(String text, Integer lineNumber, Integer quantity) {
	}

	private StartFormLines() {
	}

	/** The parts of {@code text}, in the order written; none for a blank text. */
	public static List<Part> parse(String text) {
		List<Part> parts = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return parts;
		}
		for (String part : text.split("[,;\\n]")) {
			if (part.isBlank()) {
				continue;
			}
			String[] pair = part.strip().split("\\s*[:x×]\\s*", -1);
			Integer lineNumber = number(pair[0]);
			Integer quantity = pair.length == 2 ? number(pair[1]) : null;
			if (pair.length > 2) {
				lineNumber = null;
			}
			parts.add(new Part(part.strip(), lineNumber, quantity));
		}
		return parts;
	}

	/**
	 * The REST API's violations named after the form's fields: {@code lines} and {@code lines[i]...} become
	 * {@code linesField} (with the part of the text they are about), the others as {@code fields} maps them.
	 */
	public static List<FieldViolation> toForm(List<FieldViolation> violations, List<Part> parts, String linesField,
			Map<String, String> fields) {
		List<FieldViolation> form = new ArrayList<>();
		for (FieldViolation violation : violations) {
			Matcher line = LINE_IN_PATH.matcher(violation.field());
			if (line.matches()) {
				int index = Integer.parseInt(line.group(1));
				String about = index < parts.size() ? "\"" + parts.get(index).text() + "\"" : violation.field();
				boolean generic = violation.message().startsWith("is ") || violation.message().startsWith("must ");
				String what = !generic ? "" : switch (line.group(2)) {
					case "lineNumber" -> "line number ";
					case "quantity" -> "quantity ";
					default -> "";
				};
				form.add(new FieldViolation(linesField, about + ": " + what + violation.message()));
			}
			else if (violation.field().equals("lines")) {
				form.add(new FieldViolation(linesField, violation.message()));
			}
			else {
				form.add(new FieldViolation(fields.getOrDefault(violation.field(), violation.field()),
						violation.message()));
			}
		}
		return form;
	}

	private static Integer number(String text) {
		String digits = text == null ? "" : text.strip();
		if (!digits.matches("-?\\d{1,9}")) {
			return null;
		}
		return Integer.valueOf(digits);
	}

}
