package io.orderflow.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.capture.OrderSubmission;

/**
 * Order submissions as a channel sends them, as mutable JSON maps so that a test can break one field.
 * The default order: 2 × SKU-A at 19.99 and 1 × SKU-B at 5.00, 19 % tax, 4.90 shipping, in EUR:
 * lines 44.98, tax 8.55, grand total 58.43.
 */
public final class TestOrders {

	private TestOrders() {
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	/** An order map as {@code POST /api/orders} would read it, for tests that submit through {@link io.orderflow.capture.CaptureService}. */
	public static OrderSubmission submission(Map<String, Object> order) {
		try {
			return JSON.readValue(JSON.writeValueAsString(order), OrderSubmission.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalArgumentException("Not an order submission: " + order, e);
		}
	}

	/** One order line at 19 % tax, named after its SKU. */
	public static Map<String, Object> orderLine(String sku, int quantity, String unitPrice) {
		return map("sku", sku, "name", sku, "quantity", quantity, "unitPrice", unitPrice, "taxRate", "0.19");
	}

	public static String uniqueReference() {
		return "T-" + UUID.randomUUID();
	}

	public static Map<String, Object> valid() {
		return valid(uniqueReference());
	}

	public static Map<String, Object> valid(String externalReference) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("externalReference", externalReference);
		order.put("channel", "WEB");
		order.put("customer", map("id", "C-1", "email", "Ada@Example.com", "name", "Ada Lovelace"));
		order.put("currency", "EUR");
		order.put("shippingAddress", address());
		order.put("billingAddress", address());
		order.put("deliveryMethod", "STANDARD");
		List<Object> lines = new ArrayList<>();
		lines.add(map("sku", "SKU-A", "name", "Product A", "quantity", 2, "unitPrice", "19.99", "taxRate", "0.19"));
		lines.add(map("sku", "SKU-B", "name", "Product B", "quantity", 1, "unitPrice", "5.00", "taxRate", "0.19"));
		order.put("lines", lines);
		order.put("shippingCharge", "4.90");
		order.put("payment", map("method", "CARD", "token", "tok_approve"));
		return order;
	}

	public static Map<String, Object> address() {
		return map("name", "Ada Lovelace", "line1", "Unter den Linden 1", "postalCode", "10117", "city", "Berlin",
				"country", "DE");
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> line(Map<String, Object> order, int index) {
		return (Map<String, Object>) ((List<Object>) order.get("lines")).get(index);
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> part(Map<String, Object> order, String key) {
		return (Map<String, Object>) order.get(key);
	}

	public static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
