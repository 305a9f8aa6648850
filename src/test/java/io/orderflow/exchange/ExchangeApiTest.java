package io.orderflow.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.ExchangeNames;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.inventory.Product;
import io.orderflow.payment.Ledger;
import io.orderflow.payment.Payments;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exchanges through the REST API as an integrator and a location use them: even, dearer and cheaper
 * replacements with the money they move (and nothing twice on a repeated event), the reservation policy, the
 * return policy's refusal, bad input, unknown orders and events out of turn. Runs on H2 and on PostgreSQL; the
 * invariants (quantities, the ledger) are checked after each.
 */
abstract class ExchangeApiTest extends ServiceApiTest {

	@Autowired
	Payments payments;

	/** Another size of {@link #sku}, 5 on hand at {@link #location}. */
	String otherSize;

	ExchangeApiTest() {
		super("EXC", "Exchange", "4.90");
	}

	@BeforeEach
	void otherSize() {
		otherSize = sku + "-L";
		inventory.saveProduct(new Product(otherSize, "Exchange API product, size L", true));
		inventory.setOnHand(location, otherSize, 5);
	}

	@Test
	void anEvenExchangeShipsTheReplacementAtApprovalAndMovesNoMoney() {
		// Given a delivered order of 2 × 12.50 (+19 %)
		String orderId = deliveredOrder(2);
		Ledger before = ledger(orderId);

		// When one unit that does not fit is exchanged for another size at the same price
		Response accepted = integrator.post("/api/orders/" + orderId + "/exchanges", exchange(1, "DOES_NOT_FIT", null));

		// Then it is accepted, even, and once the policies ran, approved with the replacement reserved at once
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		String id = accepted.json().path("id").asText();
		assertThat(accepted.json().path("status").asText()).isEqualTo("REQUESTED");
		assertThat(accepted.json().path("kind").asText()).isEqualTo("EVEN");
		assertThat(accepted.json().path("returnedValue").asText()).isEqualTo("14.88");
		assertThat(accepted.json().path("replacementValue").asText()).isEqualTo("14.88");
		Jobs.runDue(engine);
		JsonNode approved = integrator.get("/api/exchanges/" + id).json();
		assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
		assertThat(approved.path("reserveOn").asText()).isEqualTo("APPROVAL");
		assertThat(approved.path("replacementLineNumber").asInt()).isEqualTo(2);
		assertThat(approved.path("fulfillmentOrders")).hasSize(1);

		// And the replacement is a line of the order, marked with the exchange; the returned unit is on its way back
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		JsonNode replacement = order.path("lines").get(1);
		assertThat(replacement.path("sku").asText()).isEqualTo(otherSize);
		assertThat(replacement.path("exchangeId").asText()).isEqualTo(id);
		assertThat(replacement.path("quantities").path("allocated").asInt()).isEqualTo(1);
		assertThat(order.path("lines").get(0).path("quantities").path("returnInitiated").asInt()).isEqualTo(1);
		assertThat(integrator.get("/api/orders/" + orderId + "/exchanges").json()).hasSize(1);
		assertThat(order.path("_links").path("exchanges").path("href").asText())
			.isEqualTo("/api/orders/" + orderId + "/exchanges");

		// When the replacement ships and arrives, and the unit comes back (reported twice)
		shipAndDeliver(replacementFulfillmentOrder(approved));
		Response received = receive(id, "RCV-" + id);
		Response again = receive(id, "RCV-" + id);
		Jobs.runDue(engine);

		// Then the exchange is completed, the unit returned and restocked, and no money moved
		assertThat(received.status()).as(received.toString()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("outcome").asText()).isEqualTo("DUPLICATE");
		assertThat(integrator.get("/api/exchanges/" + id).json().path("status").asText()).isEqualTo("COMPLETED");
		JsonNode after = integrator.get("/api/orders/" + orderId).json();
		assertThat(after.path("lines").get(0).path("quantities").path("returned").asInt()).isEqualTo(1);
		assertThat(after.path("lines").get(1).path("quantities").path("fulfilled").asInt()).isEqualTo(1);
		Ledger ledger = ledger(orderId);
		assertThat(ledger.captured()).isEqualByComparingTo(before.captured());
		assertThat(ledger.refunded()).isEqualByComparingTo(before.refunded());
		assertThat(ledger.invoiced()).isEqualByComparingTo(before.invoiced().add(new BigDecimal("14.88")));
		assertThat(ledger.credited()).isEqualByComparingTo(before.credited().add(new BigDecimal("14.88")));
		assertThat(onHand(sku)).isEqualTo(9);
	}

	@Test
	void aDearerReplacementHasTheDifferenceAuthorizedAndCapturedWhenItShips() {
		String orderId = deliveredOrder(2);
		Ledger before = ledger(orderId);

		// When one unit is exchanged for a replacement at 20.00 (+19 % = 23.80): 8.92 more than the 14.88 paid
		String id = exchanged(orderId, "20.00");

		// Then the difference is authorized at approval, and the replacement ships at once
		JsonNode approved = integrator.get("/api/exchanges/" + id).json();
		assertThat(approved.path("kind").asText()).isEqualTo("UP");
		assertThat(approved.path("difference").asText()).isEqualTo("8.92");
		assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
		assertThat(transactions(orderId, "AUTHORIZATION")).isEqualTo(2);

		// When it ships and arrives, and the unit comes back
		shipAndDeliver(replacementFulfillmentOrder(approved));
		receive(id, "RCV-" + id);
		Jobs.runDue(engine);

		// Then the difference, and only it, was captured; nothing refunded
		Ledger ledger = ledger(orderId);
		assertThat(ledger.captured()).isEqualByComparingTo(before.captured().add(new BigDecimal("8.92")));
		assertThat(ledger.refunded()).isEqualByComparingTo(before.refunded());
		assertThat(ledger.invoiced()).isEqualByComparingTo(before.invoiced().add(new BigDecimal("23.80")));
		assertThat(ledger.credited()).isEqualByComparingTo(before.credited().add(new BigDecimal("14.88")));
		assertThat(integrator.get("/api/exchanges/" + id).json().path("status").asText()).isEqualTo("COMPLETED");
	}

	@Test
	void aCheaperReplacementIsReservedOnReceiptAndTheDifferenceRefundedOnce() {
		String orderId = deliveredOrder(2);
		Ledger before = ledger(orderId);

		// When one unit is exchanged for one at 10.00 (+19 % = 11.90): 2.98 less than the 14.88 paid
		String id = exchanged(orderId, "10.00");

		// Then the policy waits for the unit before it reserves the replacement
		JsonNode approved = integrator.get("/api/exchanges/" + id).json();
		assertThat(approved.path("kind").asText()).isEqualTo("DOWN");
		assertThat(approved.path("reserveOn").asText()).isEqualTo("RECEIPT");
		assertThat(approved.path("fulfillmentOrders")).isEmpty();
		assertThat(integrator.get("/api/orders/" + orderId).json().path("lines").get(1).path("quantities")
			.path("allocated").asInt()).isZero();

		// When the unit comes back (twice)
		assertThat(receive(id, "RCV-" + id).status()).isEqualTo(202);
		Jobs.runDue(engine);
		assertThat(receive(id, "RCV-" + id).status()).isEqualTo(200);
		Jobs.runDue(engine);

		// Then the difference is refunded once, and the replacement reserved; shipped, it is captured at nothing
		Ledger received = ledger(orderId);
		assertThat(received.refunded()).isEqualByComparingTo(before.refunded().add(new BigDecimal("2.98")));
		assertThat(transactions(orderId, "REFUND")).isEqualTo(1);
		JsonNode reserved = integrator.get("/api/exchanges/" + id).json();
		assertThat(reserved.path("status").asText()).isEqualTo("RECEIVED");
		assertThat(reserved.path("fulfillmentOrders")).hasSize(1);
		shipAndDeliver(replacementFulfillmentOrder(reserved));
		Ledger ledger = ledger(orderId);
		assertThat(ledger.captured()).isEqualByComparingTo(before.captured());
		assertThat(ledger.refunded()).isEqualByComparingTo(before.refunded().add(new BigDecimal("2.98")));
		assertThat(ledger.invoiced()).isEqualByComparingTo(before.invoiced().add(new BigDecimal("11.90")));
		assertThat(ledger.credited()).isEqualByComparingTo(before.credited().add(new BigDecimal("14.88")));
		assertThat(integrator.get("/api/exchanges/" + id).json().path("status").asText()).isEqualTo("COMPLETED");
	}

	@Test
	void unitsNotDeliveredYetAreRefusedByTheReturnPolicyAndNothingChanges() {
		// Given an order that shipped but has not arrived
		String orderId = submit(2);
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(UUID.fromString(orderId)).get(0);
		locationEvents.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null, null, null));
		Jobs.runDue(engine);
		Ledger before = ledger(orderId);

		// When an exchange is requested
		String id = exchanged(orderId, null);

		// Then the return policy rejects it with its reason, and the order is as it was
		JsonNode rejected = integrator.get("/api/exchanges/" + id).json();
		assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
		assertThat(rejected.path("statusReason").asText()).contains("not delivered yet");
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("lines")).hasSize(1);
		assertThat(order.path("lines").get(0).path("quantities").path("returnInitiated").asInt()).isZero();
		assertThat(ledger(orderId)).isEqualTo(before);
		assertThat(receive(id, "RCV-" + id).status()).isEqualTo(409);
	}

	@Test
	void badInputNamesEveryInvalidFieldAndStoresNothing() {
		String orderId = deliveredOrder(2);

		Response invalid = integrator.post("/api/orders/" + orderId + "/exchanges",
				Map.of("lines", List.of(Map.of("lineNumber", 7, "quantity", 0, "reason", "BORED")),
						"replacement", Map.of("sku", "NO-SUCH-SKU", "quantity", 0, "unitPrice", "-1", "taxRate", "1.5")));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("lines[0].lineNumber", "lines[0].quantity",
				"lines[0].reason", "replacement.sku", "replacement.quantity", "replacement.unitPrice",
				"replacement.taxRate");
		Response noReplacement = integrator.post("/api/orders/" + orderId + "/exchanges",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DOES_NOT_FIT"))));
		assertThat(fields(noReplacement)).containsExactly("replacement");
		Response tooMany = integrator.post("/api/orders/" + orderId + "/exchanges", exchange(3, "DOES_NOT_FIT", null));
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(fields(tooMany)).containsExactly("lines[0].quantity");
		assertThat(tooMany.json().path("errors").get(0).path("message").asText()).contains("only 2");
		Response unknownOrder = integrator.post("/api/orders/" + UUID.randomUUID() + "/exchanges",
				exchange(1, "DOES_NOT_FIT", null));
		assertThat(unknownOrder.status()).isEqualTo(404);
		assertThat(integrator.get("/api/exchanges/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(receive(UUID.randomUUID().toString(), "RCV-" + run).status()).isEqualTo(404);
		assertThat(rowsOf("exchange", orderId)).isZero();

		// units a requested exchange sends back are not available to a second one
		assertThat(integrator.post("/api/orders/" + orderId + "/exchanges", exchange(2, "DOES_NOT_FIT", null)).status())
			.isEqualTo(202);
		Response second = integrator.post("/api/orders/" + orderId + "/exchanges", exchange(1, "DOES_NOT_FIT", null));
		assertThat(second.status()).isEqualTo(422);
		assertThat(second.json().path("errors").get(0).path("message").asText()).contains("only 0");
		Jobs.runDue(engine);
	}

	@Test
	void anEventOutOfTurnIsAConflictAndAnIdempotencyKeyReplaysTheFirstAnswer() {
		String orderId = deliveredOrder(2);
		ApiClient keyed = integrator.header("Idempotency-Key", "exc-" + run);
		Map<String, Object> body = exchange(1, "DOES_NOT_FIT", null);

		Response first = keyed.post("/api/orders/" + orderId + "/exchanges", body);
		Response again = keyed.post("/api/orders/" + orderId + "/exchanges", body);
		Response other = keyed.post("/api/orders/" + orderId + "/exchanges", exchange(1, "CHANGED_MIND", null));
		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
		assertThat(other.status()).isEqualTo(422);
		assertThat(rowsOf("exchange", orderId)).isEqualTo(1);

		// the units are reported before the exchange is approved: refused, nothing changes
		String id = first.json().path("id").asText();
		assertThat(receive(id, "EARLY-" + id).status()).isEqualTo(409);
		Response unknownLocation = integrator.post("/api/exchanges/" + id + "/events",
				Map.of("eventId", "LOC-" + id, "type", "RETURN_RECEIVED", "locationId", "NOWHERE"));
		assertThat(unknownLocation.status()).isEqualTo(422);
		assertThat(fields(unknownLocation)).containsExactly("locationId");
		Jobs.runDue(engine);
		assertThat(integrator.get("/api/exchanges/" + id).json().path("status").asText()).isEqualTo("APPROVED");
	}

	@Test
	void unitsNotBackByTheDeadlineExpireTheExchangeCancelItsReplacementAndLateUnitsAreAConflict() {
		// Given a dearer exchange approved, its replacement reserved at its location but not shipped
		String orderId = deliveredOrder(2);
		Ledger before = ledger(orderId);
		String id = exchanged(orderId, "20.00");
		assertThat(integrator.get("/api/exchanges/" + id).json().path("status").asText()).isEqualTo("APPROVED");
		String orderNumber = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();

		// When the policy's deadline passes without the unit
		Jobs.fireTimers(engine, orderNumber, ExchangeNames.Elements.BOUNDARY_EVENT_RETURN_DEADLINE_PASSED);

		// Then the exchange is EXPIRED, its replacement's fulfillment order canceled, its difference released
		JsonNode expired = integrator.get("/api/exchanges/" + id).json();
		assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
		assertThat(expired.path("statusReason").asText()).contains("did not come back by the deadline");
		assertThat(expired.path("fulfillmentOrders").get(0).path("status").asText()).isEqualTo("CANCELED");
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("lines").get(1).path("quantities").path("canceled").asInt()).isEqualTo(1);
		assertThat(order.path("lines").get(0).path("quantities").path("returnInitiated").asInt()).isZero();
		assertThat(payments.ledger(UUID.fromString(orderId)).captured()).isEqualByComparingTo(before.captured());
		assertThat(onHand(otherSize)).isEqualTo(5);

		// When the unit arrives after all, Then it is refused with 409 and nothing changes
		Response late = receive(id, "LATE-" + id);
		assertThat(late.status()).as(late.toString()).isEqualTo(409);
		Jobs.runDue(engine);
		assertThat(integrator.get("/api/exchanges/" + id).json().path("status").asText()).isEqualTo("EXPIRED");
		assertThat(integrator.get("/api/orders/" + orderId).json().path("lines").get(0).path("quantities")
			.path("returned").asInt()).isZero();
		assertThat(onHand(sku)).isEqualTo(8);
	}

	// --- helpers ------------------------------------------------------------------------------

	/** One unit that does not fit exchanged over REST (for one at {@code unitPrice}, or the same); its policies run. */
	private String exchanged(String orderId, String unitPrice) {
		Response accepted = integrator.post("/api/orders/" + orderId + "/exchanges",
				exchange(1, "DOES_NOT_FIT", unitPrice));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		Jobs.runDue(engine);
		return accepted.json().path("id").asText();
	}

	private Map<String, Object> exchange(int quantity, String reason, String unitPrice) {
		Map<String, Object> replacement = unitPrice == null ? Map.of("sku", otherSize, "quantity", 1)
				: Map.of("sku", otherSize, "quantity", 1, "unitPrice", unitPrice, "taxRate", "0.19");
		return Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", quantity, "reason", reason)), "replacement",
				replacement);
	}

	private Response receive(String exchangeId, String eventId) {
		return integrator.post("/api/exchanges/" + exchangeId + "/events",
				Map.of("eventId", eventId, "type", "RETURN_RECEIVED", "locationId", location));
	}

	private FulfillmentOrder replacementFulfillmentOrder(JsonNode exchange) {
		return fulfillmentOrders.find(UUID.fromString(exchange.path("fulfillmentOrders").get(0).path("id").asText()));
	}

	private Ledger ledger(String orderId) {
		return payments.ledger(UUID.fromString(orderId));
	}

	private long transactions(String orderId, String type) {
		return jdbc.sql("select count(*) from payment_transaction where order_id = :id and type = :type and status = 'SUCCEEDED'")
			.param("id", UUID.fromString(orderId))
			.param("type", type)
			.query(Long.class)
			.single();
	}

	private int onHand(String product) {
		return inventory.stock(product)
			.stream()
			.filter(level -> level.locationId().equals(location))
			.mapToInt(level -> level.onHand())
			.sum();
	}

}
