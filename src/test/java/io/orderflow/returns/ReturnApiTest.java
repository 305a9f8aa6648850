package io.orderflow.returns;

import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Returns through the REST API as an integrator and a location use it: request, read, replay, report the goods;
 * bad input, more than available, unknown orders and users outside the writing groups. Runs on H2 and on
 * PostgreSQL.
 */
abstract class ReturnApiTest extends ServiceApiTest {

	ApiClient warehouse;

	@BeforeEach
	void warehouseClient() {
		warehouse = ApiClient.on(port).as("warehouse");
	}

	ReturnApiTest() {
		super("RET", "Return", "0.00");
	}

	@Test
	void returnIsAcceptedWithItsRmaNumberRefundedWhenTheGoodsArriveAndShownOnTheOrder() {
		// Given a delivered order of 3 × 12.50 (+19 % tax)
		String orderId = deliveredOrder(3);
		JsonNode before = integrator.get("/api/orders/" + orderId).json();
		String orderNumber = before.path("orderNumber").asText();

		// When the integrator returns 2 defective units
		Response accepted = integrator.post("/api/orders/" + orderId + "/returns", Map.of("lines",
				List.of(Map.of("lineNumber", 1, "quantity", 2, "reason", "DEFECTIVE")), "note", "via the shop"));

		// Then it is accepted with its RMA number and requested lines
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		JsonNode ret = accepted.json();
		String id = ret.path("id").asText();
		assertThat(ret.path("rmaNumber").asText()).isEqualTo("RMA-" + orderNumber + "-1");
		assertThat(ret.path("status").asText()).isEqualTo("REQUESTED");
		assertThat(ret.path("orderId").asText()).isEqualTo(orderId);
		assertThat(ret.path("orderNumber").asText()).isEqualTo(orderNumber);
		assertThat(ret.path("requestedBy").asText()).isEqualTo("integrator");
		assertThat(ret.path("locationId").asText()).isEqualTo(location);
		assertThat(ret.path("note").asText()).isEqualTo("via the shop");
		assertThat(ret.path("lines")).hasSize(1);
		assertThat(ret.path("lines").get(0).path("lineNumber").asInt()).isEqualTo(1);
		assertThat(ret.path("lines").get(0).path("sku").asText()).isEqualTo(sku);
		assertThat(ret.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
		assertThat(ret.path("lines").get(0).path("reason").asText()).isEqualTo("DEFECTIVE");

		// And it can be read, alone and with the order's returns, and is linked from the order and on its timeline
		Jobs.runDue(engine);
		Response read = integrator.get("/api/returns/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("rmaNumber").asText()).isEqualTo(ret.path("rmaNumber").asText());
		assertThat(read.json().path("status").asText()).isEqualTo("REQUESTED");
		Response list = warehouse.get("/api/orders/" + orderId + "/returns");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).hasSize(1);
		assertThat(list.json().get(0).path("id").asText()).isEqualTo(id);
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("_links").path("returns").path("href").asText())
			.isEqualTo("/api/orders/" + orderId + "/returns");
		assertThat(StreamSupport.stream(order.path("timeline").spliterator(), false)
			.filter(e -> e.path("type").asText().equals("RETURN"))
			.map(e -> e.path("description").asText())).anyMatch(d -> d.contains(ret.path("rmaNumber").asText()));

		// And when an agent approves and the location reports the goods resellable
		approve(orderNumber);
		JsonNode approved = integrator.get("/api/returns/" + id).json();
		assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
		assertThat(approved.path("note").asText()).isEqualTo("via the shop");
		assertThat(approved.has("decisionNote")).as("the agent left no note: %s", approved).isFalse();
		Response received = warehouse.post("/api/returns/" + id + "/events", Map.of("eventId", "ret-" + run, "type",
				"RETURN_RECEIVED", "lines", List.of(Map.of("lineNumber", 1, "quantity", 2, "resellable", 2, "damaged", 0))));
		assertThat(received.status()).as(received.toString()).isEqualTo(202);
		assertThat(received.json().path("outcome").asText()).isEqualTo("ACCEPTED");
		Response again = warehouse.post("/api/returns/" + id + "/events", Map.of("eventId", "ret-" + run, "type",
				"RETURN_RECEIVED", "lines", List.of(Map.of("lineNumber", 1, "quantity", 2, "resellable", 2, "damaged", 0))));
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().path("outcome").asText()).isEqualTo("DUPLICATE");
		Jobs.runDue(engine);

		// Then it is refunded in full (no fee for a defect), in the order's currency, and the order shows it
		JsonNode done = integrator.get("/api/returns/" + id).json();
		assertThat(done.path("status").asText()).isEqualTo("REFUNDED");
		assertThat(done.path("refundAmount").asText()).isEqualTo("29.75");
		assertThat(done.path("feeAmount").asText()).isEqualTo("0.00");
		assertThat(done.path("currency").asText()).isEqualTo("EUR");
		assertThat(done.path("creditMemoNumber").asText()).startsWith("CM-" + orderNumber);
		assertThat(done.path("lines").get(0).path("received").asInt()).isEqualTo(2);
		assertThat(done.path("lines").get(0).path("restocked").asInt()).isEqualTo(2);
		JsonNode after = integrator.get("/api/orders/" + orderId).json();
		JsonNode quantities = after.path("lines").get(0).path("quantities");
		assertThat(quantities.path("returnInitiated").asInt()).isEqualTo(2);
		assertThat(quantities.path("returned").asInt()).isEqualTo(2);
		assertThat(quantities.path("availableToReturn").asInt()).isEqualTo(1);
		assertThat(after.path("money").path("refunded").asText()).isEqualTo("29.75");

		// And the warehouse reads the return without its money
		JsonNode seenByWarehouse = warehouse.get("/api/returns/" + id).json();
		assertThat(seenByWarehouse.path("status").asText()).isEqualTo("REFUNDED");
		assertThat(seenByWarehouse.path("lines").get(0).path("restocked").asInt()).isEqualTo(2);
		assertThat(seenByWarehouse.has("refundAmount")).as(seenByWarehouse.toString()).isFalse();
		assertThat(seenByWarehouse.has("feeAmount")).isFalse();
		assertThat(seenByWarehouse.has("creditMemoNumber")).isFalse();
	}

	@Test
	void badInputNamesEveryInvalidField() {
		String orderId = deliveredOrder(2);
		String path = "/api/orders/" + orderId + "/returns";

		List<Object> lines = new ArrayList<>();
		lines.add(Map.of("lineNumber", 7, "quantity", 0, "reason", "BORED"));
		lines.add(Map.of("quantity", 1));
		Response invalid = integrator.post(path, Map.of("lines", lines, "note", "x".repeat(501)));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("note", "lines[0].lineNumber", "lines[0].quantity",
				"lines[0].reason", "lines[1].lineNumber", "lines[1].reason");
		assertThat(message(invalid, "lines[0].lineNumber")).contains("no line 7");
		assertThat(message(invalid, "lines[0].quantity")).contains("at least 1");
		assertThat(message(invalid, "lines[0].reason")).contains("is not a reason").contains("CHANGED_MIND");
		assertThat(message(invalid, "lines[1].reason")).contains("is required");

		Response noLines = integrator.post(path, Map.of("note", "why"));
		assertThat(noLines.status()).isEqualTo(422);
		assertThat(fields(noLines)).containsExactly("lines");
		Response emptyLines = integrator.post(path, Map.of("lines", List.of()));
		assertThat(fields(emptyLines)).containsExactly("lines");
		Response twice = integrator.post(path, Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1, "reason",
				"DEFECTIVE"), Map.of("lineNumber", 1, "quantity", 1, "reason", "DEFECTIVE"))));
		assertThat(twice.status()).isEqualTo(422);
		assertThat(fields(twice)).containsExactly("lines[1].lineNumber");
		Response negative = integrator.post(path,
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", -1, "reason", "DEFECTIVE"))));
		assertThat(fields(negative)).containsExactly("lines[0].quantity");
		List<Object> nullLine = new ArrayList<>();
		nullLine.add(null);
		Response nullEntry = integrator.post(path, Map.of("lines", nullLine));
		assertThat(nullEntry.status()).isEqualTo(422);
		assertThat(fields(nullEntry)).containsExactly("lines[0]");

		Response unreadable = integrator.post(path,
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", "two", "reason", "DEFECTIVE"))));
		assertThat(unreadable.status()).isEqualTo(400);
		assertThat(unreadable.contentType()).startsWith("application/problem+json");
		assertThat(fields(unreadable)).singleElement().asString().contains("quantity");
		Response unknownField = integrator.post(path, Map.of("lines",
				List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DEFECTIVE")), "refund", "everything"));
		assertThat(unknownField.status()).isEqualTo(400);
		Response notJson = integrator.post(path, "{");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(returnCount(orderId)).isZero();
	}

	@Test
	void moreThanAvailableIsRefusedNamingTheLineAndTheAvailableQuantity() {
		// an order not shipped yet has nothing to return
		String allocated = submit(2);
		Jobs.runDue(engine);
		Response notShipped = integrator.post("/api/orders/" + allocated + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DEFECTIVE"))));
		assertThat(notShipped.status()).as(notShipped.toString()).isEqualTo(422);
		assertThat(notShipped.json().path("errors").get(0).path("message").asText()).contains("only 0");

		String orderId = deliveredOrder(2);
		Response tooMany = integrator.post("/api/orders/" + orderId + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 3, "reason", "DEFECTIVE"))));
		assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(422);
		assertThat(tooMany.contentType()).startsWith("application/problem+json");
		JsonNode error = tooMany.json().path("errors").get(0);
		assertThat(error.path("field").asText()).isEqualTo("lines[0].quantity");
		assertThat(error.path("message").asText()).contains("line 1").contains("only 2");

		// units another open return asks for are not available twice
		assertThat(integrator.post("/api/orders/" + orderId + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2, "reason", "DEFECTIVE")))).status())
			.isEqualTo(202);
		Response second = integrator.post("/api/orders/" + orderId + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DEFECTIVE"))));
		assertThat(second.status()).isEqualTo(422);
		assertThat(fields(second)).containsExactly("lines[0].quantity");
		assertThat(second.json().path("errors").get(0).path("message").asText()).contains("only 0");
		Jobs.runDue(engine);
		assertThat(returnCount(orderId)).isEqualTo(1);
	}

	@Test
	void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
		String orderId = deliveredOrder(2);
		ApiClient keyed = integrator.header("Idempotency-Key", "ret-" + run);
		Map<String, Object> body = Map.of("lines",
				List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DOES_NOT_FIT")));

		Response first = keyed.post("/api/orders/" + orderId + "/returns", body);
		Jobs.runDue(engine);
		Response again = keyed.post("/api/orders/" + orderId + "/returns", body);
		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
		assertThat(again.json().path("rmaNumber").asText()).isEqualTo(first.json().path("rmaNumber").asText());

		Response other = keyed.post("/api/orders/" + orderId + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2, "reason", "DOES_NOT_FIT"))));
		assertThat(other.status()).isEqualTo(422);
		assertThat(fields(other)).containsExactly("Idempotency-Key");
		Response tooLong = integrator.header("Idempotency-Key", "k".repeat(201)).post("/api/orders/" + orderId
				+ "/returns", body);
		assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
		assertThat(tooLong.contentType()).startsWith("application/problem+json");
		Jobs.runDue(engine);
		assertThat(returnCount(orderId)).isEqualTo(1);
		assertThat(engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey("OrderReturn")
			.variableValueEquals("orderId", orderId)
			.count()).isEqualTo(1);
	}

	@Test
	void unknownOrderOrReturnIs404AndOnlyIntegratorsMayRequestReturns() {
		Map<String, Object> body = Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DEFECTIVE")));
		Response unknownOrder = integrator.post("/api/orders/" + UUID.randomUUID() + "/returns", body);
		assertThat(unknownOrder.status()).isEqualTo(404);
		assertThat(unknownOrder.contentType()).startsWith("application/problem+json");
		assertThat(integrator.get("/api/orders/" + UUID.randomUUID() + "/returns").status()).isEqualTo(404);
		Response unknownReturn = integrator.get("/api/returns/" + UUID.randomUUID());
		assertThat(unknownReturn.status()).isEqualTo(404);
		assertThat(unknownReturn.contentType()).startsWith("application/problem+json");
		assertThat(integrator.get("/api/returns/not-a-uuid").status()).isEqualTo(400);

		String orderId = deliveredOrder(1);
		Response byWarehouse = warehouse.post("/api/orders/" + orderId + "/returns", body);
		assertThat(byWarehouse.status()).isEqualTo(403);
		assertThat(byWarehouse.contentType()).startsWith("application/problem+json");
		assertThat(ApiClient.on(port).as("nobody").get("/api/orders/" + orderId + "/returns").status()).isEqualTo(403);
		assertThat(ApiClient.on(port).post("/api/orders/" + orderId + "/returns", body).status()).isEqualTo(401);
		assertThat(returnCount(orderId)).isZero();
	}

	@Test
	void theReceiptEventRefusesBadInputAndChangesNothing() {
		// Given an approved return of 2
		String orderId = deliveredOrder(2);
		String orderNumber = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();
		Response requested = integrator.post("/api/orders/" + orderId + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 2, "reason", "DEFECTIVE"))));
		String id = requested.json().path("id").asText();
		String events = "/api/returns/" + id + "/events";
		Jobs.runDue(engine);

		// Before the agent approved, the goods are refused as a conflict
		Response early = warehouse.post(events, Map.of("eventId", "early-" + run, "type", "RETURN_RECEIVED"));
		assertThat(early.status()).as(early.toString()).isEqualTo(409);
		assertThat(early.contentType()).startsWith("application/problem+json");
		approve(orderNumber);

		// When the event is malformed in every way
		Response noIdNoType = warehouse.post(events, Map.of("type", "RETURN_LOST"));
		assertThat(noIdNoType.status()).as(noIdNoType.toString()).isEqualTo(422);
		assertThat(fields(noIdNoType)).containsExactlyInAnyOrder("eventId", "type");
		Response badLines = warehouse.post(events, Map.of("eventId", "bad-" + run, "type", "RETURN_RECEIVED", "lines",
				List.of(Map.of("lineNumber", 9, "quantity", 1), Map.of("lineNumber", 1, "resellable", 1),
						Map.of("lineNumber", 1, "quantity", 3))));
		assertThat(badLines.status()).as(badLines.toString()).isEqualTo(422);
		assertThat(fields(badLines)).containsExactlyInAnyOrder("lines[0].lineNumber", "lines[1].damaged",
				"lines[2].lineNumber", "lines[2].quantity");
		assertThat(message(badLines, "lines[2].lineNumber")).contains("named twice");
		assertThat(message(badLines, "lines[2].quantity")).contains("asked for 2");
		Response mismatch = warehouse.post(events, Map.of("eventId", "bad-" + run, "type", "RETURN_RECEIVED", "lines",
				List.of(Map.of("lineNumber", 1, "quantity", 2, "resellable", 1, "damaged", 0))));
		assertThat(fields(mismatch)).containsExactly("lines[0].quantity");
		Response negative = warehouse.post(events, Map.of("eventId", "bad-" + run, "type", "RETURN_RECEIVED", "lines",
				List.of(Map.of("lineNumber", 1, "resellable", -1, "damaged", 1))));
		assertThat(fields(negative)).containsExactly("lines[0].resellable");
		Response empty = warehouse.post(events,
				Map.of("eventId", "bad-" + run, "type", "RETURN_RECEIVED", "lines", List.of()));
		assertThat(fields(empty)).containsExactly("lines");
		Response unknown = warehouse.post("/api/returns/" + UUID.randomUUID() + "/events",
				Map.of("eventId", "x-" + run, "type", "RETURN_RECEIVED"));
		assertThat(unknown.status()).isEqualTo(404);
		Response byAgent = ApiClient.on(port).as("agent").post(events,
				Map.of("eventId", "agent-" + run, "type", "RETURN_RECEIVED"));
		assertThat(byAgent.status()).isEqualTo(403);

		// Then nothing changed: the return still waits, and the refused event id is still free to use
		assertThat(integrator.get("/api/returns/" + id).json().path("status").asText()).isEqualTo("APPROVED");
		JsonNode quantities = integrator.get("/api/orders/" + orderId).json().path("lines").get(0).path("quantities");
		assertThat(quantities.path("returned").asInt()).isZero();
		Response good = warehouse.post(events, Map.of("eventId", "bad-" + run, "type", "RETURN_RECEIVED"));
		assertThat(good.status()).as(good.toString()).isEqualTo(202);
		assertThat(good.json().path("outcome").asText()).isEqualTo("ACCEPTED");
		Response late = warehouse.post(events, Map.of("eventId", "late-" + run, "type", "RETURN_RECEIVED"));
		assertThat(late.status()).isEqualTo(409);
		Response otherReturn = integrator.post("/api/orders/" + deliveredOrder(1) + "/returns",
				Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1, "reason", "DEFECTIVE"))));
		Response reused = warehouse.post("/api/returns/" + otherReturn.json().path("id").asText() + "/events",
				Map.of("eventId", "bad-" + run, "type", "RETURN_RECEIVED"));
		assertThat(reused.status()).as(reused.toString()).isEqualTo(409);
		assertThat(reused.json().path("detail").asText()).contains("already used");
		Jobs.runDue(engine);
		assertThat(integrator.get("/api/returns/" + id).json().path("status").asText()).isEqualTo("RECEIVED");

		// and an inspection finding more damaged units than arrived is a 400 naming the field (by the form's
		// label in the message Tasklist shows); the task stays open
		Task inspection = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(orderNumber)
			.taskDefinitionKey("UserTask_InspectReturn")
			.singleResult();
		Response tooMany = warehouse.post("/engine-rest/task/" + inspection.getId() + "/complete", Map.of("variables",
				Map.of("damagedUnits", Map.of("value", "1:3"), "inspected", Map.of("value", true))));
		assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
		assertThat(tooMany.json().path("violations").get(0).path("field").asText()).isEqualTo("damagedUnits");
		assertThat(tooMany.json().path("message").asText()).startsWith("The inspection was not recorded: Damaged units per line:");
		assertThat(engine.getTaskService().createTaskQuery().taskId(inspection.getId()).count()).isOne();
		finishInspection(orderNumber);
	}

	// --- helpers ------------------------------------------------------------------------------

	/** A service agent approves the order's return in Tasklist (over the engine's REST API, as Tasklist does). */
	void approve(String orderNumber) {
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(orderNumber)
			.taskDefinitionKey(USER_TASK_REVIEW_RETURN)
			.singleResult();
		assertThat(task).as("review of %s", orderNumber).isNotNull();
		Map<String, Object> variables = new HashMap<>();
		variables.put("returnDecision", Map.of("value", "APPROVE"));
		Response completed = ApiClient.on(port)
			.as("agent")
			.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", variables));
		assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
	}

	void finishInspection(String orderNumber) {
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(orderNumber)
			.taskDefinitionKey("UserTask_InspectReturn")
			.singleResult();
		assertThat(task).as("inspection of %s", orderNumber).isNotNull();
		Response completed = ApiClient.on(port)
			.as("warehouse")
			.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables",
					Map.of("damagedUnits", Map.of("value", ""), "inspected", Map.of("value", true))));
		assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
		Jobs.runDue(engine);
	}

	long returnCount(String orderId) {
		return rowsOf("return_order", orderId);
	}

	static String message(Response response, String field) {
		return StreamSupport.stream(response.json().path("errors").spliterator(), false)
			.filter(e -> e.path("field").asText().equals(field))
			.map(e -> e.path("message").asText())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error on " + field + ": " + response));
	}

}
