package io.orderflow.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.junit.jupiter.api.Test;

/**
 * Cancellations through the REST API as an integrator uses it: request, read, replay; bad input and
 * unknown orders. Runs on H2 and on PostgreSQL (see the subclasses).
 */
abstract class CancellationApiTest extends ServiceApiTest {

	CancellationApiTest() {
		super("CXL", "Cancellation", "4.90");
	}

	@Test
	void cancellationIsAcceptedCarriedOutAndShownOnTheOrder() {
		// Given an allocated order of 3
		String orderId = submit(3);
		Jobs.runDue(engine);

		// When the integrator cancels 1 unit
		Response accepted = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "customer request"));

		// Then it is accepted with its requested lines
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		JsonNode cancellation = accepted.json();
		String id = cancellation.path("id").asText();
		assertThat(cancellation.path("status").asText()).isEqualTo("REQUESTED");
		assertThat(cancellation.path("orderId").asText()).isEqualTo(orderId);
		assertThat(cancellation.path("lines").get(0).path("requested").asInt()).isEqualTo(1);

		// And once its process ran, it says what was canceled, on its own and on the order
		Jobs.runDue(engine);
		JsonNode done = integrator.get("/api/cancellations/" + id).json();
		assertThat(done.path("status").asText()).isEqualTo("CANCELED");
		assertThat(done.path("lines").get(0).path("canceled").asInt()).isEqualTo(1);
		assertThat(done.path("lines").get(0).path("notCanceled").asInt()).isZero();
		assertThat(done.path("result").asText()).isNotBlank();
		Response list = integrator.get("/api/orders/" + orderId + "/cancellations");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).hasSize(1);
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("lines").get(0).path("quantities").path("canceled").asInt()).isEqualTo(1);
		assertThat(order.path("lines").get(0).path("quantities").path("allocated").asInt()).isEqualTo(2);
		assertThat(StreamSupport.stream(order.path("timeline").spliterator(), false)
			.map(e -> e.path("type").asText())).contains("CANCELLATION");
	}

	@Test
	void badInputNamesEveryInvalidField() {
		String orderId = submit(2);
		Jobs.runDue(engine);

		Response invalid = integrator.post("/api/orders/" + orderId + "/cancellations", Map.of("lines",
				List.of(Map.of("lineNumber", 7, "quantity", 0), Map.of("quantity", 1)), "reason", " "));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("reason", "lines[0].lineNumber", "lines[0].quantity",
				"lines[1].lineNumber");

		Response neither = integrator.post("/api/orders/" + orderId + "/cancellations", Map.of("reason", "why"));
		assertThat(neither.status()).isEqualTo(422);
		assertThat(fields(neither)).containsExactly("lines");
		Response both = integrator.post("/api/orders/" + orderId + "/cancellations", Map.of("wholeOrder", true,
				"lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "why"));
		assertThat(both.status()).isEqualTo(422);
		assertThat(fields(both)).containsExactly("lines");

		Response unknownField = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("wholeOrder", true, "reason", "why", "refund", true));
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(cancellationCount(orderId)).isZero();
	}

	@Test
	void moreThanAvailableIsRefusedNamingTheLineAndTheAvailableQuantity() {
		String orderId = submit(2);
		Jobs.runDue(engine);

		Response tooMany = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 3)), "reason", "too many"));
		assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(422);
		JsonNode error = tooMany.json().path("errors").get(0);
		assertThat(error.path("field").asText()).isEqualTo("lines[0].quantity");
		assertThat(error.path("message").asText()).contains("line 1").contains("only 2");

		// units another open cancellation asks for are not available twice
		assertThat(integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2)), "reason", "first")).status())
			.isEqualTo(202);
		Response second = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "second"));
		assertThat(second.status()).isEqualTo(422);
		assertThat(second.json().path("errors").get(0).path("message").asText()).contains("only 0");
		Jobs.runDue(engine);
		assertThat(cancellationCount(orderId)).isEqualTo(1);
		assertThat(integrator.get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("CANCELED");
	}

	@Test
	void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
		String orderId = submit(2);
		Jobs.runDue(engine);
		ApiClient keyed = integrator.header("Idempotency-Key", "cxl-" + run);
		Map<String, Object> body = Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "r");

		Response first = keyed.post("/api/orders/" + orderId + "/cancellations", body);
		Response again = keyed.post("/api/orders/" + orderId + "/cancellations", body);
		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());

		Response other = keyed.post("/api/orders/" + orderId + "/cancellations",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2)), "reason", "r"));
		assertThat(other.status()).isEqualTo(422);
		assertThat(fields(other)).containsExactly("Idempotency-Key");
		Jobs.runDue(engine);
		assertThat(cancellationCount(orderId)).isEqualTo(1);
	}

	@Test
	void unknownOrderOrCancellationIs404AndOnlyIntegratorsMayCancel() {
		Response unknownOrder = integrator.post("/api/orders/" + UUID.randomUUID() + "/cancellations",
				Map.of("wholeOrder", true, "reason", "why"));
		assertThat(unknownOrder.status()).isEqualTo(404);
		assertThat(unknownOrder.contentType()).startsWith("application/problem+json");
		assertThat(integrator.get("/api/orders/" + UUID.randomUUID() + "/cancellations").status()).isEqualTo(404);
		assertThat(integrator.get("/api/cancellations/" + UUID.randomUUID()).status()).isEqualTo(404);

		String orderId = submit(1);
		Jobs.runDue(engine);
		Response byWarehouse = ApiClient.on(port).as("warehouse").post("/api/orders/" + orderId + "/cancellations",
				Map.of("wholeOrder", true, "reason", "why"));
		assertThat(byWarehouse.status()).isEqualTo(403);
		assertThat(cancellationCount(orderId)).isZero();
	}

	@Test
	void anOrderWhosePaymentProviderNeverAnswersIsCanceledOverRestAndNothingIsCharged() {
		// Given an order whose payment provider never answers: its authorization stops at an incident
		String orderId = submit(2, "tok_timeout");
		Jobs.runDue(engine);
		Jobs.retryNow(engine, LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT);
		Jobs.retryNow(engine, LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT);
		assertThat(engine.getRuntimeService().createIncidentQuery().activityId(
				LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT).count()).isEqualTo(1);
		JsonNode stuck = integrator.get("/api/orders/" + orderId).json();
		assertThat(stuck.path("status").asText()).isEqualTo("RECEIVED");
		assertThat(descriptions(stuck)).anyMatch(text -> text.startsWith("Incident at \"Authorize payment\"")
				&& text.endsWith("or cancel the order"));

		// When the whole order is canceled over REST
		Response accepted = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("wholeOrder", true, "reason", "the payment provider does not answer"));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then the cancellation and the order are CANCELED, the incident is gone, and nothing was authorized or charged
		JsonNode done = integrator.get("/api/cancellations/" + accepted.json().path("id").asText()).json();
		assertThat(done.path("status").asText()).isEqualTo("CANCELED");
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("status").asText()).isEqualTo("CANCELED");
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
		assertThat(descriptions(order)).contains("Capture stopped: the order is canceled; the payment authorization, "
				+ "which failed and stopped at an incident, is not tried again").doesNotHaveDuplicates();
		// and the order's payments show the failed attempts and no authorization
		JsonNode payments = integrator.get("/api/orders/" + orderId + "/payments").json();
		assertThat(payments.path("authorizations")).isEmpty();
		assertThat(payments.path("ledger").path("captured").decimalValue()).isZero();
		assertThat(payments.path("transactions")).singleElement().satisfies(failed -> {
			assertThat(failed.path("type").asText()).isEqualTo("AUTHORIZATION");
			assertThat(failed.path("status").asText()).isEqualTo("FAILED");
			assertThat(failed.path("attempts").asInt()).isEqualTo(3);
		});
	}

	@Test
	void anOrderOnHoldForARiskReviewIsCanceledOverRestAndItsAuthorizationVoided() {
		// Given an order of more than 1000, authorized and waiting for a fraud analyst
		String orderId = submit(90, "tok_approve");
		Jobs.runDue(engine);
		assertThat(integrator.get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("ON_HOLD");

		// When it is canceled over REST
		Response accepted = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("wholeOrder", true, "reason", "customer changed their mind"));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then it is CANCELED, its review task closed, its authorization voided once
		assertThat(integrator.get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("CANCELED");
		assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(
				integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText()).count()).isZero();
		JsonNode payments = integrator.get("/api/orders/" + orderId + "/payments").json();
		assertThat(payments.path("ledger").path("authorized").decimalValue()).isZero();
		assertThat(StreamSupport.stream(payments.path("transactions").spliterator(), false)
			.filter(t -> t.path("type").asText().equals("VOID"))).hasSize(1);
	}

	@Test
	void aRejectedOrderIsAConflict() {
		String orderId = submit(1, "tok_decline");
		Jobs.runDue(engine);

		Response refused = integrator.post("/api/orders/" + orderId + "/cancellations",
				Map.of("wholeOrder", true, "reason", "why"));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("detail").asText()).contains("REJECTED");
		assertThat(cancellationCount(orderId)).isZero();
	}

	/** Submits an order of {@code quantity} × 12.50 (+19 %) paid with {@code token} over REST; no jobs run. */
	String submit(int quantity, String token) {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", List.of(TestOrders.map("sku", sku, "name", "API product", "quantity", quantity, "unitPrice",
				"12.50", "taxRate", "0.19")));
		TestOrders.part(order, "payment").put("token", token);
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("id").asText();
	}

	static List<String> descriptions(JsonNode order) {
		return StreamSupport.stream(order.path("timeline").spliterator(), false)
			.map(e -> e.path("description").asText())
			.toList();
	}

	long cancellationCount(String orderId) {
		return rowsOf("cancellation", orderId);
	}

}
