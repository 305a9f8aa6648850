package io.orderflow.reshipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
 * Reshipments through the REST API as an integrator uses it: request, read, replay; bad input, more than
 * available, unknown orders and users outside the writing groups. Runs on H2 and on PostgreSQL.
 */
abstract class ReshipmentApiTest extends ServiceApiTest {

	ReshipmentApiTest() {
		super("RSH", "Reshipment", "4.90");
	}

	@Test
	void reshipmentIsAcceptedShippedFreeOfChargeAndShownOnTheOrder() {
		// Given a delivered order of 3
		String orderId = deliveredOrder(3);
		String captured = integrator.get("/api/orders/" + orderId).json().path("money").path("captured").asText();

		// When the integrator reships 2 damaged units
		Response accepted = integrator.post("/api/orders/" + orderId + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2)), "reason", "damaged in transit"));

		// Then it is accepted with its requested lines
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		JsonNode reshipment = accepted.json();
		String id = reshipment.path("id").asText();
		assertThat(reshipment.path("status").asText()).isEqualTo("REQUESTED");
		assertThat(reshipment.path("orderId").asText()).isEqualTo(orderId);
		assertThat(reshipment.path("lines").get(0).path("requested").asInt()).isEqualTo(2);

		// And once allocated, its fulfillment order is on it; shipped and delivered, it is RESHIPPED
		Jobs.runDue(engine);
		JsonNode inProgress = integrator.get("/api/reshipments/" + id).json();
		assertThat(inProgress.path("status").asText()).isEqualTo("IN_PROGRESS");
		assertThat(inProgress.path("fulfillmentOrders")).hasSize(1);
		shipAndDeliver(fulfillmentOrders.find(UUID.fromString(inProgress.path("fulfillmentOrders").get(0).path("id")
			.asText())));
		JsonNode done = integrator.get("/api/reshipments/" + id).json();
		assertThat(done.path("status").asText()).isEqualTo("RESHIPPED");
		assertThat(done.path("lines").get(0).path("reshipped").asInt()).isEqualTo(2);
		assertThat(done.path("result").asText()).contains("free of charge");
		Response list = integrator.get("/api/orders/" + orderId + "/reshipments");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).hasSize(1);
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("lines").get(0).path("quantities").path("reshipped").asInt()).isEqualTo(2);
		assertThat(order.path("lines").get(0).path("quantities").path("availableToReship").asInt()).isEqualTo(1);
		assertThat(order.path("money").path("captured").asText()).isEqualTo(captured);
		assertThat(order.path("_links").path("reshipments").path("href").asText())
			.isEqualTo("/api/orders/" + orderId + "/reshipments");
		assertThat(StreamSupport.stream(order.path("timeline").spliterator(), false)
			.map(e -> e.path("type").asText())).contains("RESHIPMENT");
	}

	@Test
	void badInputNamesEveryInvalidField() {
		String orderId = deliveredOrder(2);

		Response invalid = integrator.post("/api/orders/" + orderId + "/reshipments", Map.of("lines",
				List.of(Map.of("lineNumber", 7, "quantity", 0), Map.of("quantity", 1)), "reason", " "));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("reason", "lines[0].lineNumber", "lines[0].quantity",
				"lines[1].lineNumber");

		Response noLines = integrator.post("/api/orders/" + orderId + "/reshipments", Map.of("reason", "why"));
		assertThat(noLines.status()).isEqualTo(422);
		assertThat(fields(noLines)).containsExactly("lines");
		Response twice = integrator.post("/api/orders/" + orderId + "/reshipments", Map.of("lines",
				List.of(Map.of("lineNumber", 1, "quantity", 1), Map.of("lineNumber", 1, "quantity", 1)), "reason", "r"));
		assertThat(twice.status()).isEqualTo(422);
		assertThat(fields(twice)).containsExactly("lines[1].lineNumber");
		Response longReason = integrator.post("/api/orders/" + orderId + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "x".repeat(501)));
		assertThat(fields(longReason)).containsExactly("reason");

		Response unknownField = integrator.post("/api/orders/" + orderId + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "why", "charge", true));
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(reshipmentCount(orderId)).isZero();
	}

	@Test
	void moreThanAvailableIsRefusedNamingTheLineAndTheAvailableQuantity() {
		// an order not shipped yet has nothing to reship
		String allocated = submit(2);
		Jobs.runDue(engine);
		Response notShipped = integrator.post("/api/orders/" + allocated + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "lost"));
		assertThat(notShipped.status()).isEqualTo(422);
		assertThat(notShipped.json().path("errors").get(0).path("message").asText()).contains("only 0");

		String orderId = deliveredOrder(2);
		Response tooMany = integrator.post("/api/orders/" + orderId + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 3)), "reason", "lost"));
		assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(422);
		JsonNode error = tooMany.json().path("errors").get(0);
		assertThat(error.path("field").asText()).isEqualTo("lines[0].quantity");
		assertThat(error.path("message").asText()).contains("line 1").contains("only 2");

		// units another open reshipment asks for are not available twice
		assertThat(integrator.post("/api/orders/" + orderId + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2)), "reason", "first")).status())
			.isEqualTo(202);
		Response second = integrator.post("/api/orders/" + orderId + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "second"));
		assertThat(second.status()).isEqualTo(422);
		assertThat(second.json().path("errors").get(0).path("message").asText()).contains("only 0");
		Jobs.runDue(engine);
		assertThat(reshipmentCount(orderId)).isEqualTo(1);
	}

	@Test
	void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
		String orderId = deliveredOrder(2);
		ApiClient keyed = integrator.header("Idempotency-Key", "rsh-" + run);
		Map<String, Object> body = Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "lost");

		Response first = keyed.post("/api/orders/" + orderId + "/reshipments", body);
		Response again = keyed.post("/api/orders/" + orderId + "/reshipments", body);
		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());

		Response other = keyed.post("/api/orders/" + orderId + "/reshipments",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2)), "reason", "lost"));
		assertThat(other.status()).isEqualTo(422);
		assertThat(fields(other)).containsExactly("Idempotency-Key");
		Jobs.runDue(engine);
		assertThat(reshipmentCount(orderId)).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from fulfillment_order where reshipment_id is not null and order_id = :id")
			.param("id", UUID.fromString(orderId))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void unknownOrderOrReshipmentIs404AndOnlyIntegratorsMayReship() {
		Map<String, Object> body = Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "lost");
		Response unknownOrder = integrator.post("/api/orders/" + UUID.randomUUID() + "/reshipments", body);
		assertThat(unknownOrder.status()).isEqualTo(404);
		assertThat(unknownOrder.contentType()).startsWith("application/problem+json");
		assertThat(integrator.get("/api/orders/" + UUID.randomUUID() + "/reshipments").status()).isEqualTo(404);
		assertThat(integrator.get("/api/reshipments/" + UUID.randomUUID()).status()).isEqualTo(404);

		String orderId = deliveredOrder(1);
		Response byWarehouse = ApiClient.on(port).as("warehouse").post("/api/orders/" + orderId + "/reshipments", body);
		assertThat(byWarehouse.status()).isEqualTo(403);
		assertThat(reshipmentCount(orderId)).isZero();
	}

	long reshipmentCount(String orderId) {
		return rowsOf("reshipment", orderId);
	}

}
