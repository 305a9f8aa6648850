package io.orderflow.platform.web;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Every decimal Orderflow reads from JSON (amounts, percentages, prices), as a number or as a string, is
 * bounded before any rule sees it: at most {@value #MAX_INTEGER_DIGITS} digits before the point and
 * {@value #MAX_FRACTION_DIGITS} after it, written in at most {@value #MAX_LENGTH} characters. Jackson alone
 * would turn {@code 1E+20000000} into a number whose first use (a comparison, a rounding, a conversion
 * to text) takes seconds and megabytes; here it is refused in microseconds, naming the field.
 */
public final class BoundedDecimals extends SimpleModule {

	static final int MAX_LENGTH = 40;

	static final int MAX_INTEGER_DIGITS = 18;

	static final int MAX_FRACTION_DIGITS = 10;

	/** The refusal, also the text a client reads for the field. */
	static final String MESSAGE = "must be a decimal number with at most " + MAX_INTEGER_DIGITS
			+ " digits before the point and " + MAX_FRACTION_DIGITS + " after it";

	public BoundedDecimals() {
		super("orderflow-bounded-decimals");
		addDeserializer(BigDecimal.class, new Deserializer());
	}

	static final class Deserializer extends JsonDeserializer<BigDecimal> {

		@Override
		public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			JsonToken token = parser.currentToken();
			if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
					&& token != JsonToken.VALUE_STRING) {
				return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
			}
			String text = parser.getText().strip();
			if (token == JsonToken.VALUE_STRING && text.isEmpty()) {
				return null;
			}
			BigDecimal value = text.length() > MAX_LENGTH ? null : parse(text);
			if (value == null) {
				throw InvalidFormatException.from(parser, MESSAGE, text, BigDecimal.class);
			}
			return value;
		}

		/** The bounded value, or null; the checks look at scale and precision only, which costs nothing. */
		private static BigDecimal parse(String text) {
			BigDecimal value;
			try {
				value = new BigDecimal(text);
			}
			catch (NumberFormatException notANumber) {
				return null;
			}
			BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
			long integerDigits = (long) stripped.precision() - stripped.scale();
			if (stripped.scale() > MAX_FRACTION_DIGITS || integerDigits > MAX_INTEGER_DIGITS) {
				return null;
			}
			// "1E+3" is 1000: a plain value, so that no rule downstream meets an exponent
			return value.scale() < 0 ? value.setScale(0) : value;
		}

	}

}
