package io.orderflow.order;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.orderflow.platform.web.MalformedValueException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How a request names an order in its path ({@code /api/orders/{id}/...}): by its id (a UUID) or by its order
 * number ({@code OF-100001}, in any case), the one people quote. Spring MVC makes one of a path variable through
 * {@link #valueOf(String)}; anything else is a 400 that says what is accepted. Exactly one of the two is set.
 */
@Schema(type = "string", description = OrderKey.ACCEPTED, example = "OF-100001", pattern = OrderKey.PATTERN)
public record OrderKey(UUID id, String number) {

	/** A UUID, or OF- and digits in any case (the OpenAPI document's pattern; valueOf decides). */
	static final String PATTERN = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
			+ "|[oO][fF]-[0-9]{1,18})$";

	/** What a path takes where it names an order (the OpenAPI document's description of the parameter). */
	static final String ACCEPTED = "An order's id (a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6) or its order "
			+ "number (such as OF-100001)";

	private static final Pattern UUID_FORM = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern NUMBER_FORM = Pattern.compile("OF-[0-9]{1,18}", Pattern.CASE_INSENSITIVE);

	public OrderKey {
		if ((id == null) == (number == null)) {
			throw new IllegalArgumentException("an order key is an id or a number, not both nor neither");
		}
	}

	/** @throws MalformedValueException when {@code text} is neither an order id nor an order number */
	public static OrderKey valueOf(String text) {
		String value = text == null ? "" : text.strip();
		if (UUID_FORM.matcher(value).matches()) {
			return new OrderKey(UUID.fromString(value), null);
		}
		if (NUMBER_FORM.matcher(value).matches()) {
			return new OrderKey(null, value.toUpperCase(Locale.ROOT));
		}
		throw new MalformedValueException("must be " + Character.toLowerCase(ACCEPTED.charAt(0)) + ACCEPTED.substring(1));
	}

	@Override
	public String toString() {
		return id != null ? id.toString() : number;
	}

}
