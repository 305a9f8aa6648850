package io.orderflow.addresschange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.orderflow.capture.OrderSubmission.AddressInput;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Address;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * The rules of an address change request: the address by the rules of an order's address at intake (the same
 * constraints, an ISO 3166-1 country that exists), a reason, and a fulfillment order the order has. Every broken
 * rule is named by its JSON path ({@code shippingAddress.postalCode}), all at once.
 */
@Component
class AddressChangeValidation {

	static final int MAX_REASON = 500;

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final Validator validator;

	AddressChangeValidation(Validator validator) {
		this.validator = validator;
	}

	/** The address to ship to, with blank optional fields left out. @throws InvalidRequestException naming every invalid field */
	Address validate(AddressChangeRequest request, List<FulfillmentOrder> fulfillmentOrders) {
		List<FieldViolation> violations = new ArrayList<>();
		collect(request, fulfillmentOrders, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		AddressInput a = request.shippingAddress();
		return new Address(a.name().strip(), a.line1().strip(), blank(a.line2()), a.postalCode().strip(), a.city().strip(),
				blank(a.region()), a.country(), blank(a.phone()));
	}

	/** Adds what is wrong to {@code violations}, sorted by field. */
	void collect(AddressChangeRequest request, List<FulfillmentOrder> fulfillmentOrders,
			List<FieldViolation> violations) {
		List<FieldViolation> found = new ArrayList<>();
		if (request.shippingAddress() == null) {
			found.add(new FieldViolation("shippingAddress", "is required"));
		}
		else {
			for (ConstraintViolation<AddressInput> v : validator.validate(request.shippingAddress())) {
				found.add(new FieldViolation("shippingAddress." + name(v.getPropertyPath()), v.getMessage()));
			}
			String country = request.shippingAddress().country();
			if (country != null && country.matches("[A-Z]{2}") && !COUNTRIES.contains(country)) {
				found.add(new FieldViolation("shippingAddress.country", "unknown country code " + country));
			}
		}
		if (request.reason() == null || request.reason().isBlank()) {
			found.add(new FieldViolation("reason", "is required"));
		}
		else if (request.reason().strip().length() > MAX_REASON) {
			found.add(new FieldViolation("reason", "must be at most " + MAX_REASON + " characters"));
		}
		if (request.fulfillmentOrderId() != null && fulfillmentOrders != null
				&& fulfillmentOrder(request.fulfillmentOrderId(), fulfillmentOrders) == null) {
			found.add(new FieldViolation("fulfillmentOrderId",
					"the order has no fulfillment order " + request.fulfillmentOrderId().strip()));
		}
		found.sort(Comparator.comparing(FieldViolation::field));
		violations.addAll(found);
	}

	/** The fulfillment order named by its id or number, or null. */
	static FulfillmentOrder fulfillmentOrder(String idOrNumber, List<FulfillmentOrder> fulfillmentOrders) {
		String key = idOrNumber.strip();
		return fulfillmentOrders.stream()
			.filter(fo -> fo.id().toString().equalsIgnoreCase(key) || fo.number().equalsIgnoreCase(key))
			.findFirst()
			.orElse(null);
	}

	private static String name(Path path) {
		String name = null;
		for (Path.Node node : path) {
			name = node.getName();
		}
		return name;
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
