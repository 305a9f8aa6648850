package io.orderflow.fulfillment;

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
 * An agent's hold over REST, as a service agent uses it: hold, see it on the order and its fulfillment orders,
 * release; bad input, unknown orders, the wrong state and a repeated request. Runs on H2 and on PostgreSQL.
 */
abstract class OrderHoldApiTest extends ServiceApiTest {

	OrderHoldApiTest() {
		super("HLD", "Hold", "4.90");
	}

	@Test
	void anAgentHoldsAnOrderSeesItOnTheOrderAndReleasesIt() {
		// Given an order released to its location
		String orderId = submit(2);
		Jobs.runDue(engine);
		ApiClient agent = ApiClient.on(port).as("agent");

		// When a service agent holds it
		Response held = agent.post("/api/orders/" + orderId + "/hold", Map.of("reason", "customer disputes the address"));

		// Then it is held (201): the hold is on the order, its fulfillment order is to wait, the status is unchanged
		assertThat(held.status()).as(held.toString()).isEqualTo(201);
		assertThat(held.json().path("status").asText()).isEqualTo("ACTIVE");
		assertThat(held.json().path("heldBy").asText()).isEqualTo("agent");
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("status").asText()).isEqualTo("ALLOCATED");
		assertThat(order.path("hold").path("id").asText()).isEqualTo(held.json().path("id").asText());
		assertThat(order.path("hold").path("reason").asText()).isEqualTo("customer disputes the address");
		assertThat(timeline(order)).anyMatch(e -> e.path("type").asText().equals("HOLD")
				&& e.path("actor").asText().equals("agent")
				&& e.path("description").asText().equals("Order held: customer disputes the address"));
		JsonNode fulfillmentOrder = integrator.get("/api/orders/" + orderId + "/fulfillment-orders").json().get(0);
		assertThat(fulfillmentOrder.path("onHold").asBoolean()).isTrue();
		assertThat(ApiClient.on(port).as("warehouse")
			.get("/api/locations/" + location + "/fulfillment-orders")
			.json()).anySatisfy(f -> {
				assertThat(f.path("orderId").asText()).isEqualTo(orderId);
				assertThat(f.path("onHold").asBoolean()).isTrue();
			});

		// When a supervisor releases it
		Response released = ApiClient.on(port).as("supervisor").post("/api/orders/" + orderId + "/release-hold",
				Map.of("reason", "address confirmed by phone"));

		// Then the hold is over, on the order and in its history, and the order ships
		assertThat(released.status()).as(released.toString()).isEqualTo(200);
		assertThat(released.json().path("status").asText()).isEqualTo("RELEASED");
		assertThat(released.json().path("releasedBy").asText()).isEqualTo("supervisor");
		assertThat(integrator.get("/api/orders/" + orderId).json().has("hold")).isFalse();
		JsonNode history = integrator.get("/api/orders/" + orderId + "/holds").json();
		assertThat(history).singleElement().satisfies(hold -> {
			assertThat(hold.path("reason").asText()).isEqualTo("customer disputes the address");
			assertThat(hold.path("releaseReason").asText()).isEqualTo("address confirmed by phone");
		});
		Jobs.runDue(engine);
		shipAndDeliver(fulfillmentOrders.ofOrder(UUID.fromString(orderId)).get(0));
		assertThat(integrator.get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("DELIVERED");
	}

	@Test
	void aReasonIsRequiredAnUnknownOrderIs404AndTheWrongStateIs409() {
		String orderId = submit(1);
		Jobs.runDue(engine);
		ApiClient agent = ApiClient.on(port).as("agent");

		// no reason, a blank one, a body with a field the API does not know
		Response noReason = agent.post("/api/orders/" + orderId + "/hold", Map.of());
		assertThat(noReason.status()).as(noReason.toString()).isEqualTo(422);
		assertThat(noReason.contentType()).startsWith("application/problem+json");
		assertThat(fields(noReason)).containsExactly("reason");
		assertThat(fields(agent.post("/api/orders/" + orderId + "/release-hold", Map.of("reason", " "))))
			.containsExactly("reason");
		assertThat(agent.post("/api/orders/" + orderId + "/hold", Map.of("reason", "x", "until", "tomorrow")).status())
			.isEqualTo(400);
		// an unknown order
		Response unknown = agent.post("/api/orders/" + UUID.randomUUID() + "/hold", Map.of("reason", "why"));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(agent.get("/api/orders/OF-999999999/holds").status()).isEqualTo(404);
		// releasing an order that is not held
		Response notHeld = agent.post("/api/orders/" + orderId + "/release-hold", Map.of("reason", "why"));
		assertThat(notHeld.status()).as(notHeld.toString()).isEqualTo(409);
		assertThat(notHeld.json().path("detail").asText()).contains("is not on hold");
		// holding twice
		assertThat(agent.post("/api/orders/" + orderId + "/hold", Map.of("reason", "first")).status()).isEqualTo(201);
		Response twice = agent.post("/api/orders/" + orderId + "/hold", Map.of("reason", "second"));
		assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
		assertThat(twice.json().path("detail").asText()).contains("already on hold");
		// and the warehouse may not hold an order
		assertThat(ApiClient.on(port).as("warehouse").post("/api/orders/" + orderId + "/hold",
				Map.of("reason", "why")).status()).isEqualTo(403);
		assertThat(rowsOf("order_hold", orderId)).isEqualTo(1);
		assertThat(agent.post("/api/orders/" + orderId + "/release-hold", Map.of("reason", "done")).status())
			.isEqualTo(200);
	}

	@Test
	void aRepeatedHoldWithTheSameIdempotencyKeyReplaysTheFirstAnswer() {
		String orderId = submit(1);
		Jobs.runDue(engine);
		ApiClient keyed = ApiClient.on(port).as("agent").header("Idempotency-Key", "hold-" + run);

		Response first = keyed.post("/api/orders/" + orderId + "/hold", Map.of("reason", "wait"));
		Response again = keyed.post("/api/orders/" + orderId + "/hold", Map.of("reason", "wait"));
		Response other = keyed.post("/api/orders/" + orderId + "/hold", Map.of("reason", "something else"));

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
		assertThat(other.status()).isEqualTo(422);
		assertThat(fields(other)).containsExactly("Idempotency-Key");
		assertThat(rowsOf("order_hold", orderId)).isEqualTo(1);

		// and a repeated release with its own key replays too, where a second release without one is a 409
		ApiClient releasing = ApiClient.on(port).as("agent").header("Idempotency-Key", "release-" + run);
		assertThat(releasing.post("/api/orders/" + orderId + "/release-hold", Map.of("reason", "go")).status())
			.isEqualTo(200);
		Response replayed = releasing.post("/api/orders/" + orderId + "/release-hold", Map.of("reason", "go"));
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
		assertThat(ApiClient.on(port).as("agent").post("/api/orders/" + orderId + "/release-hold",
				Map.of("reason", "go")).status()).isEqualTo(409);
		Jobs.runDue(engine);
	}

	@Test
	void aHeldOrderIsCanceledOverRest() {
		// Given an order held before it allocated
		String orderId = submit(2);
		assertThat(ApiClient.on(port).as("agent").post("/api/orders/" + orderId + "/hold",
				Map.of("reason", "suspicious")).status()).isEqualTo(201);
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(orderId))).isEmpty();

		// When it is canceled
		Response accepted = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("wholeOrder", true, "reason", "fraud confirmed"));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then it is CANCELED, no longer held, nothing allocated or authorized
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("status").asText()).isEqualTo("CANCELED");
		assertThat(order.has("hold")).isFalse();
		assertThat(order.path("money").path("authorized").decimalValue()).isZero();
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(orderId))).isEmpty();
	}

	static Iterable<JsonNode> timeline(JsonNode order) {
		return () -> StreamSupport.stream(order.path("timeline").spliterator(), false).iterator();
	}

}
