package io.orderflow.adjustment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import org.junit.jupiter.api.Test;

/**
 * Adjustments through the REST API as an integrator uses it: request, read, replay; bad input, more than
 * available, unknown orders, other groups. Runs on H2 and on PostgreSQL (see the subclasses).
 */
abstract class AdjustmentApiTest extends ServiceApiTest {

	AdjustmentApiTest() {
		super("ADJ", "Adjustment", "4.90");
	}

	@Test
	void adjustmentIsAcceptedRefundedAndShownOnTheOrder() {
		// Given a shipped order of 2 × 12.50 (+19 %) and 4.90 shipping: 34.65 captured
		String orderId = shippedOrder(2);

		// When the integrator takes 10 % off line 1 (29.75 with tax -> 2.98)
		Response accepted = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "percentage", "10", "reason", "scratched"));

		// Then it is accepted with what it is worth
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		JsonNode adjustment = accepted.json();
		String id = adjustment.path("id").asText();
		assertThat(adjustment.path("status").asText()).isEqualTo("REQUESTED");
		assertThat(adjustment.path("kind").asText()).isEqualTo("PERCENTAGE");
		assertThat(adjustment.path("amount").asText()).isEqualTo("2.98");
		assertThat(adjustment.path("currency").asText()).isEqualTo("EUR");

		// And once its process ran, it is refunded, on its own, in the order's list and on the timeline
		Jobs.runDue(engine);
		JsonNode done = integrator.get("/api/adjustments/" + id).json();
		assertThat(done.path("status").asText()).isEqualTo("REFUNDED");
		assertThat(done.path("creditMemoId").asText()).isNotBlank();
		Response list = integrator.get("/api/orders/" + orderId + "/adjustments");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).hasSize(1);
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(StreamSupport.stream(order.path("timeline").spliterator(), false)
			.map(e -> e.path("type").asText())).contains("ADJUSTMENT");
		assertThat(refunded(orderId)).isEqualTo("2.98");
	}

	@Test
	void badInputNamesEveryInvalidField() {
		String orderId = shippedOrder(2);

		Response invalid = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 7, "amount", "-1", "reason", " "));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("reason", "lineNumber", "amount");

		Response neither = integrator.post("/api/orders/" + orderId + "/adjustments", Map.of("reason", "why"));
		assertThat(neither.status()).isEqualTo(422);
		assertThat(fields(neither)).containsExactlyInAnyOrder("lineNumber", "amount");
		Response both = integrator.post("/api/orders/" + orderId + "/adjustments", Map.of("lineNumber", 1,
				"shipping", true, "amount", "1.00", "percentage", "5", "reason", "why"));
		assertThat(both.status()).isEqualTo(422);
		assertThat(fields(both)).containsExactlyInAnyOrder("lineNumber", "percentage");
		Response badPercentage = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("shipping", true, "percentage", "101", "reason", "why"));
		assertThat(fields(badPercentage)).containsExactly("percentage");
		Response tooPrecise = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "1.001", "reason", "why"));
		assertThat(fields(tooPrecise)).containsExactly("amount");

		Response unknownField = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "1.00", "reason", "why", "refund", true));
		assertThat(unknownField.status()).isEqualTo(400);
		Response wrongType = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", "first", "amount", "1.00", "reason", "why"));
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(adjustmentCount(orderId)).isZero();
	}

	@Test
	void adjustmentBeforeShipmentLowersTheCaptureAndShowsHowMuch() {
		// Given an order of 2 × 12.50 (+19 %) and 4.90 shipping, released but not shipped: nothing captured
		String orderId = releasedOrder(2);

		// When the integrator takes 5.00 off line 1, Then it is accepted and, once approved, awaits the capture
		Response accepted = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "5.00", "reason", "late"));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		String id = accepted.json().path("id").asText();
		Jobs.runDue(engine);
		JsonNode awaiting = integrator.get("/api/adjustments/" + id).json();
		assertThat(awaiting.path("status").asText()).isEqualTo("AWAITING_CAPTURE");
		assertThat(awaiting.path("refundedAmount").asText()).isEqualTo("0.00");
		assertThat(awaiting.path("awaitingCaptureAmount").asText()).isEqualTo("5.00");
		assertThat(awaiting.path("captureLoweredAmount").asText()).isEqualTo("0.00");
		assertThat(awaiting.hasNonNull("creditMemoId")).isFalse();

		// And more than the line's 29.75 is refused, naming the field and what is left
		Response tooMuch = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "24.76", "reason", "more"));
		assertThat(tooMuch.status()).isEqualTo(422);
		assertThat(tooMuch.json().path("errors").get(0).path("field").asText()).isEqualTo("amount");
		assertThat(tooMuch.json().path("errors").get(0).path("message").asText()).contains("only 24.75 EUR");

		// When the order ships, Then 34.65 - 5.00 is captured, nothing refunded, and the adjustment is applied
		ship(orderId);
		JsonNode applied = integrator.get("/api/adjustments/" + id).json();
		assertThat(applied.path("status").asText()).isEqualTo("APPLIED");
		assertThat(applied.path("captureLoweredAmount").asText()).isEqualTo("5.00");
		assertThat(applied.path("awaitingCaptureAmount").asText()).isEqualTo("0.00");
		assertThat(applied.path("refundedAmount").asText()).isEqualTo("0.00");
		assertThat(captured(orderId)).isEqualTo("29.65");
		assertThat(refunded(orderId)).isEqualTo("0.00");
	}

	@Test
	void moreThanAvailableIsRefusedNamingTheFieldAndTheAvailableAmount() {
		String orderId = shippedOrder(2);

		Response tooMuch = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "29.76", "reason", "too much"));
		assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
		JsonNode error = tooMuch.json().path("errors").get(0);
		assertThat(error.path("field").asText()).isEqualTo("amount");
		assertThat(error.path("message").asText()).contains("line 1").contains("only 29.75 EUR");

		// what an open adjustment holds is not available twice
		assertThat(integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "20.00", "reason", "first")).status()).isEqualTo(202);
		Response second = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "10.00", "reason", "second"));
		assertThat(second.status()).isEqualTo(422);
		assertThat(second.json().path("errors").get(0).path("message").asText()).contains("only 9.75 EUR");
		Response shipping = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("shipping", true, "amount", "4.91", "reason", "late"));
		assertThat(shipping.json().path("errors").get(0).path("message").asText()).contains("only 4.90 EUR");
		Jobs.runDue(engine);
		assertThat(adjustmentCount(orderId)).isEqualTo(1);
	}

	@Test
	void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
		String orderId = shippedOrder(2);
		ApiClient keyed = integrator.header("Idempotency-Key", "adj-" + run);
		Map<String, Object> body = Map.of("lineNumber", 1, "amount", "3.00", "reason", "r");

		Response first = keyed.post("/api/orders/" + orderId + "/adjustments", body);
		Response again = keyed.post("/api/orders/" + orderId + "/adjustments", body);
		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());

		Response other = keyed.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "4.00", "reason", "r"));
		assertThat(other.status()).isEqualTo(422);
		assertThat(fields(other)).containsExactly("Idempotency-Key");
		Jobs.runDue(engine);
		assertThat(keyed.post("/api/orders/" + orderId + "/adjustments", body).status()).isEqualTo(202);
		Jobs.runDue(engine);
		assertThat(adjustmentCount(orderId)).isEqualTo(1);
		assertThat(refunded(orderId)).isEqualTo("3.00");
	}

	@Test
	void unknownOrderOrAdjustmentIs404AndOnlyIntegratorsMayAdjust() {
		Response unknownOrder = integrator.post("/api/orders/" + UUID.randomUUID() + "/adjustments",
				Map.of("shipping", true, "amount", "1.00", "reason", "why"));
		assertThat(unknownOrder.status()).isEqualTo(404);
		assertThat(unknownOrder.contentType()).startsWith("application/problem+json");
		assertThat(integrator.get("/api/orders/" + UUID.randomUUID() + "/adjustments").status()).isEqualTo(404);
		assertThat(integrator.get("/api/adjustments/" + UUID.randomUUID()).status()).isEqualTo(404);

		String orderId = shippedOrder(1);
		Response byWarehouse = ApiClient.on(port).as("warehouse").post("/api/orders/" + orderId + "/adjustments",
				Map.of("shipping", true, "amount", "1.00", "reason", "why"));
		assertThat(byWarehouse.status()).isEqualTo(403);
		assertThat(adjustmentCount(orderId)).isZero();
	}

	/** An order of {@code quantity} × 12.50 (+19 %) with 4.90 shipping, shipped over REST and captured. */
	String shippedOrder(int quantity) {
		String orderId = releasedOrder(quantity);
		ship(orderId);
		return orderId;
	}

	/** The order's fulfillment order reports SHIPPED over REST, and is captured. */
	void ship(String orderId) {
		String fo = integrator.get("/api/orders/" + orderId + "/fulfillment-orders").json().get(0).path("id").asText();
		Response shipped = integrator.post("/api/fulfillment-orders/" + fo + "/events",
				Map.of("eventId", "shipped-" + fo, "type", "SHIPPED"));
		assertThat(shipped.status()).as(shipped.toString()).isEqualTo(202);
		Jobs.runDue(engine);
	}

	String captured(String orderId) {
		return sum(orderId, "CAPTURE");
	}

	String refunded(String orderId) {
		return sum(orderId, "REFUND");
	}

	String sum(String orderId, String type) {
		return jdbc.sql("select coalesce(sum(amount), 0) from payment_transaction where order_id = :id"
				+ " and type = :type and status = 'SUCCEEDED'")
			.param("id", UUID.fromString(orderId))
			.param("type", type)
			.query(java.math.BigDecimal.class)
			.single()
			.setScale(2, java.math.RoundingMode.HALF_UP)
			.toPlainString();
	}

	long adjustmentCount(String orderId) {
		return rowsOf("adjustment", orderId);
	}

	/** An order of {@code quantity} × 12.50 (+19 %) with 4.90 shipping, authorized and released, not shipped. */
	String releasedOrder(int quantity) {
		String orderId = submit(quantity);
		Jobs.runDue(engine);
		return orderId;
	}

}
