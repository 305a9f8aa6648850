package io.orderflow.capture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderflow.capture.OrderSubmission.AddressInput;
import io.orderflow.capture.OrderSubmission.LineInput;
import io.orderflow.inventory.Inventory;
import io.orderflow.order.Channel;
import io.orderflow.order.DeliveryMethod;
import io.orderflow.order.PaymentMethod;
import io.orderflow.platform.web.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Every rule an order must obey before it is stored. It reports all invalid fields at once, by JSON
 * path, so that a channel can fix an order in one round trip.
 */
@Component
class OrderValidator {

	static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final Validator validator;

	private final Inventory inventory;

	private final CaptureProperties properties;

	OrderValidator(Validator validator, Inventory inventory, CaptureProperties properties) {
		this.validator = validator;
		this.inventory = inventory;
		this.properties = properties;
	}

	/** Throws {@link InvalidOrderException} naming every invalid field; returns normally for a valid order. */
	void validate(OrderSubmission order) {
		if (order == null) {
			throw new InvalidOrderException(List.of(new FieldViolation("", "an order is required")));
		}
		Set<FieldViolation> violations = new LinkedHashSet<>();
		for (ConstraintViolation<OrderSubmission> v : validator.validate(order)) {
			violations.add(new FieldViolation(jsonPath(v.getPropertyPath()), v.getMessage()));
		}
		checkRules(order, violations);
		if (!violations.isEmpty()) {
			List<FieldViolation> sorted = new ArrayList<>(violations);
			sorted.sort(Comparator.comparing(FieldViolation::field));
			throw new InvalidOrderException(sorted);
		}
	}

	private void checkRules(OrderSubmission order, Set<FieldViolation> violations) {
		oneOf("channel", order.channel(), Channel.values(), violations);
		oneOf("deliveryMethod", order.deliveryMethod(), DeliveryMethod.values(), violations);
		if (order.payment() != null) {
			oneOf("payment.method", order.payment().method(), PaymentMethod.values(), violations);
		}
		Integer scale = null;
		if (order.currency() != null && order.currency().matches("[A-Z]{3}")) {
			if (!properties.currencies().contains(order.currency())) {
				violations.add(new FieldViolation("currency", "unsupported currency " + order.currency() + "; supported: "
						+ properties.currencies().stream().sorted().collect(Collectors.joining(", "))));
			}
			else {
				scale = Currency.getInstance(order.currency()).getDefaultFractionDigits();
			}
		}
		country("shippingAddress", order.shippingAddress(), violations);
		country("billingAddress", order.billingAddress(), violations);
		amount("shippingCharge", order.shippingCharge(), scale, violations);
		List<LineInput> lines = order.lines();
		if (lines == null) {
			return;
		}
		if (lines.size() > properties.maxLines()) {
			violations.add(new FieldViolation("lines", "at most " + properties.maxLines() + " lines per order, got "
					+ lines.size()));
		}
		Set<String> skus = lines.stream()
			.filter(Objects::nonNull)
			.map(LineInput::sku)
			.filter(sku -> sku != null && !sku.isBlank() && sku.length() <= 64)
			.collect(Collectors.toSet());
		Map<String, Boolean> sellable = inventory.sellable(skus);
		for (int i = 0; i < lines.size(); i++) {
			LineInput line = lines.get(i);
			if (line == null) {
				continue;
			}
			String at = "lines[" + i + "].";
			if (skus.contains(line.sku()) && !sellable.containsKey(line.sku())) {
				violations.add(new FieldViolation(at + "sku", "unknown SKU '" + line.sku() + "'"));
			}
			else if (skus.contains(line.sku()) && !sellable.get(line.sku())) {
				violations.add(new FieldViolation(at + "sku", "SKU '" + line.sku() + "' is not on sale (inactive)"));
			}
			amount(at + "unitPrice", line.unitPrice(), scale, violations);
			if (line.taxRate() != null) {
				if (line.taxRate().compareTo(BigDecimal.ONE) >= 0) {
					violations.add(new FieldViolation(at + "taxRate", "must be a fraction below 1 (0.19 is 19 %)"));
				}
				if (line.taxRate().stripTrailingZeros().scale() > 6) {
					violations.add(new FieldViolation(at + "taxRate", "at most 6 decimal places"));
				}
			}
		}
	}

	private static void amount(String field, BigDecimal amount, Integer scale, Set<FieldViolation> violations) {
		if (amount == null) {
			return;
		}
		if (amount.compareTo(MAX_AMOUNT) >= 0) {
			violations.add(new FieldViolation(field, "must be less than " + MAX_AMOUNT.toPlainString()));
		}
		if (scale != null && amount.stripTrailingZeros().scale() > scale) {
			violations.add(new FieldViolation(field, "at most " + scale + " decimal places for this currency"));
		}
	}

	private static void country(String field, AddressInput address, Set<FieldViolation> violations) {
		if (address != null && address.country() != null && address.country().matches("[A-Z]{2}")
				&& !COUNTRIES.contains(address.country())) {
			violations.add(new FieldViolation(field + ".country", "unknown country code " + address.country()));
		}
	}

	private static void oneOf(String field, String value, Enum<?>[] allowed, Set<FieldViolation> violations) {
		if (value == null || value.isBlank()) {
			return; // reported by @NotBlank
		}
		if (Arrays.stream(allowed).noneMatch(e -> e.name().equals(value))) {
			violations.add(new FieldViolation(field, "must be one of "
					+ Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", "))));
		}
	}

	private static String jsonPath(Path path) {
		StringBuilder json = new StringBuilder();
		for (Path.Node node : path) {
			if (node.getIndex() != null) {
				json.append('[').append(node.getIndex()).append(']');
			}
			String name = node.getName();
			if (name != null && !name.startsWith("<")) {
				if (!json.isEmpty()) {
					json.append('.');
				}
				json.append(name);
			}
		}
		return json.toString();
	}

}
