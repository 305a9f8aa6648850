package io.orderflow.delivery;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.BOUNDARY_EVENT_PARCEL_NOT_RETURNED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.BOUNDARY_EVENT_SHIPMENT_LATE;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_FULFILLMENT;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_PARCEL_NOT_RETURNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery exceptions over REST, as carriers, locations and Tasklist drive them: a failed delivery reported with its
 * reason, resolved by a service agent over {@code /engine-rest} (refunded once the parcel is back, or delivered
 * again), a parcel awaited back that the location reports back (PARCEL_RETURNED) or that does not come back in time,
 * and a late fulfillment order, late on the order until the agent gives it a new deadline. Runs on H2 and on
 * PostgreSQL; the ledger reconciles and nothing is refunded or shipped twice.
 */
abstract class DeliveryExceptionsApiTest extends ServiceApiTest {

	ApiClient warehouse;

	ApiClient agent;

	DeliveryExceptionsApiTest() {
		super("DLX", "Delivery exception", "4.90");
	}

	@BeforeEach
	void clients() {
		warehouse = ApiClient.on(port).as("warehouse");
		agent = ApiClient.on(port).as("agent");
	}

	@Test
	void aFailedDeliveryIsRefundedOnceWhenTheParcelIsBackAtTheSender() {
		// Given an order of 2 × 12.50 (+19 %) and 4.90 shipping, shipped
		String orderId = shippedOrder(2);
		JsonNode shipment = single(integrator.get("/api/orders/" + orderId + "/shipments"));
		String shipmentId = shipment.path("id").asText();

		// When the carrier reports a failed delivery with its reason, twice, and an event of no known type
		Response failed = carrier(shipmentId, "DELIVERY_FAILED", "Recipient not at home");
		assertThat(failed.status()).as(failed.toString()).isEqualTo(202);
		assertThat(failed.json().path("subjectStatus").asText()).isEqualTo("DELIVERY_FAILED");
		Response again = carrier(shipmentId, "DELIVERY_FAILED", "Recipient not at home");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("outcome").asText()).isEqualTo("DUPLICATE");
		Response unknown = integrator.post("/api/shipments/" + shipmentId + "/events",
				Map.of("eventId", "lost-" + shipmentId, "type", "LOST"));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(fields(unknown)).contains("type");
		Jobs.runDue(engine);

		// Then the shipment says why and that a failure is open, and an agent has the task
		JsonNode open = single(integrator.get("/api/orders/" + orderId + "/shipments"));
		assertThat(open.path("statusDetail").asText()).isEqualTo("Recipient not at home");
		assertThat(open.path("failure").path("status").asText()).isEqualTo("OPEN");
		assertThat(open.path("failure").path("reason").asText()).isEqualTo("Recipient not at home");

		// When the agent decides over /engine-rest to refund once the parcel is back, and the carrier reports it back
		complete(task(orderId, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));
		assertThat(carrier(shipmentId, "RETURNED_TO_SENDER", "Back at the depot").status()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then the units (not the shipping) are refunded once, count as returned, and the ledger reconciles
		JsonNode payments = integrator.get("/api/orders/" + orderId + "/payments").json();
		assertThat(new BigDecimal(payments.path("ledger").path("refunded").asText())).isEqualByComparingTo("29.75");
		assertThat(new BigDecimal(payments.path("ledger").path("captured").asText())).isEqualByComparingTo("34.65");
		assertThat(payments.path("reconciles").asBoolean()).isTrue();
		JsonNode line = integrator.get("/api/orders/" + orderId).json().path("lines").get(0);
		assertThat(line.path("quantities").path("returned").asInt()).isEqualTo(2);
		assertThat(line.path("status").asText()).isEqualTo("RETURNED");
		JsonNode refunded = single(integrator.get("/api/orders/" + orderId + "/shipments"));
		assertThat(refunded.path("status").asText()).isEqualTo("RETURNED_TO_SENDER");
		assertThat(refunded.path("failure").path("status").asText()).isEqualTo("REFUNDED");
		assertThat(refunded.path("failure").path("creditMemoNumber").asText()).startsWith("CM-");
		assertThat(single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("status").asText())
			.isEqualTo("UNDELIVERED");

		// And the parcel back at the sender takes no other report
		Response late = carrier(shipmentId, "DELIVERED", null);
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.contentType()).startsWith("application/problem+json");
		assertThat(new BigDecimal(integrator.get("/api/orders/" + orderId + "/payments").json().path("ledger")
			.path("refunded").asText())).isEqualByComparingTo("29.75");
	}

	@Test
	void aFailedDeliveryIsDeliveredAgainWithANewBooking() {
		// Given a shipped order whose delivery failed
		String orderId = shippedOrder(1);
		String first = single(integrator.get("/api/orders/" + orderId + "/shipments")).path("id").asText();
		carrier(first, "DELIVERY_FAILED", "Address incomplete");
		Jobs.runDue(engine);

		// When the agent has it delivered again
		complete(task(orderId, USER_TASK_RESOLVE_FAILED_DELIVERY),
				Map.of("failedDeliveryDecision", "REDELIVER", "decisionNote", "address completed"));
		Jobs.runDue(engine);

		// Then the order has two shipments: the failed one, replaced, and the new booking
		JsonNode both = integrator.get("/api/orders/" + orderId + "/shipments").json();
		assertThat(both).hasSize(2);
		String second = both.get(1).path("id").asText();
		assertThat(both.get(0).path("replacedBy").asText()).isEqualTo(second);
		assertThat(both.get(0).path("failure").path("status").asText()).isEqualTo("REDELIVERED");
		assertThat(both.get(1).path("attempt").asInt()).isEqualTo(2);
		assertThat(both.get(1).path("status").asText()).isEqualTo("BOOKED");

		// And the replaced shipment takes no more reports, the new one delivers the order
		assertThat(carrier(first, "DELIVERED", null).status()).isEqualTo(409);
		assertThat(carrier(second, "DELIVERED", null).status()).isEqualTo(202);
		Jobs.runDue(engine);
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("status").asText()).isEqualTo("DELIVERED");
		assertThat(order.path("money").path("captured").asText()).isEqualTo(order.path("totals").path("grandTotal").asText());
		assertThat(rowsOf("invoice", orderId)).isEqualTo(1);
		assertThat(listed(order).path("money")).isEqualTo(order.path("money"));

		// And a failure reported for the delivered parcel is a conflict that changes nothing
		Response conflict = carrier(second, "DELIVERY_FAILED", "Late scan");
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.contentType()).startsWith("application/problem+json");
		assertThat(integrator.get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("DELIVERED");
	}

	@Test
	void aLateFulfillmentOrderIsLateOnTheOrderUntilTheAgentGivesItANewDeadline() {
		// Given an order released to its location, whose limit passes
		String orderId = submit(1);
		Jobs.runDue(engine);
		JsonNode fo = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders"));
		assertThat(fo.path("late").asBoolean()).isFalse();
		assertThat(fo.path("shipBy").asText()).isNotEmpty();
		Jobs.fireTimers(engine, fo.path("number").asText(), BOUNDARY_EVENT_SHIPMENT_LATE);

		// Then the order and its fulfillment order say it is late
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("late").asBoolean()).isTrue();
		assertThat(order.path("lateFulfillmentOrders").get(0).path("fulfillmentOrderNumber").asText())
			.isEqualTo(fo.path("number").asText());
		assertThat(order.path("lateFulfillmentOrders").get(0).path("stage").asText()).isEqualTo("SHIPMENT");
		assertThat(listed(order).path("late").asBoolean()).isTrue();
		assertThat(listed(order).path("lateFulfillmentOrders")).isEqualTo(order.path("lateFulfillmentOrders"));
		JsonNode late = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders"));
		assertThat(late.path("late").asBoolean()).isTrue();
		assertThat(late.path("lateSince").asText()).isNotEmpty();

		// When the agent keeps waiting until yesterday, Then that is a 400 naming the date; the task stays
		Task task = task(orderId, USER_TASK_RESOLVE_LATE_FULFILLMENT);
		Response past = agent.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables",
				variables(Map.of("lateFulfillmentDecision", "KEEP_WAITING", "newDeadline",
						LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()))));
		assertThat(past.status()).as(past.toString()).isEqualTo(400);
		assertThat(past.json().path("violations").get(0).path("field").asText()).isEqualTo("newDeadline");
		assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();

		// When the agent keeps waiting until next week, Then it is no longer late, with the new deadline
		String until = LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
		complete(task, Map.of("lateFulfillmentDecision", "KEEP_WAITING", "newDeadline", until));
		assertThat(integrator.get("/api/orders/" + orderId).json().path("late").asBoolean()).isFalse();
		JsonNode waiting = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders"));
		assertThat(waiting.path("late").asBoolean()).isFalse();
		assertThat(waiting.path("shipBy").asText()).startsWith(LocalDate.parse(until).plusDays(1).toString());

		// And when the location ships, the carrier's limit starts
		Response shipped = warehouse.post("/api/fulfillment-orders/" + fo.path("id").asText() + "/events",
				Map.of("eventId", "SHIPPED-" + fo.path("id").asText(), "type", "SHIPPED"));
		assertThat(shipped.status()).isEqualTo(202);
		Jobs.runDue(engine);
		assertThat(single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("deliverBy").asText())
			.isNotEmpty();
	}

	@Test
	void aParcelTheLocationReportsBackIsRefundedOnceWhicheverReportComesFirst() {
		// Given an order of 2 × 12.50 (+19 %) whose delivery failed
		String orderId = shippedOrder(2);
		String shipmentId = single(integrator.get("/api/orders/" + orderId + "/shipments")).path("id").asText();
		String foId = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("id").asText();
		carrier(shipmentId, "DELIVERY_FAILED", "Recipient not at home");
		Jobs.runDue(engine);

		// When the location reports the parcel back before an agent decided to refund it, Then that is a 409
		Response undecided = parcelBack(foId, "wh-early-" + foId, Map.of());
		assertThat(undecided.status()).as(undecided.toString()).isEqualTo(409);
		assertThat(undecided.contentType()).startsWith("application/problem+json");
		assertThat(undecided.json().path("detail").asText()).contains("no refund decided yet");

		// When the agent decides to refund it once back, and the location reports it back with a tracking number
		complete(task(orderId, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));
		JsonNode awaited = single(integrator.get("/api/orders/" + orderId + "/shipments"));
		assertThat(awaited.path("failure").path("status").asText()).isEqualTo("AWAITING_RETURN");
		assertThat(awaited.path("failure").path("returnBy").asText()).isNotEmpty();
		Response invalid = parcelBack(foId, "wh-invalid-" + foId, Map.of("carrier", "DHL", "trackingNumber", "X1"));

		// Then that is a 422 naming the field, and changes nothing
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(fields(invalid)).contains("trackingNumber");

		// When the location reports it back, twice with the same event id
		Response back = parcelBack(foId, "wh-back-" + foId, Map.of("reason", "Brought back by the driver"));
		assertThat(back.status()).as(back.toString()).isEqualTo(202);
		Response repeated = parcelBack(foId, "wh-back-" + foId, Map.of("reason", "Brought back by the driver"));
		assertThat(repeated.status()).isEqualTo(200);
		assertThat(repeated.json().path("outcome").asText()).isEqualTo("DUPLICATE");
		Jobs.runDue(engine);

		// Then the parcel is back at the sender and its units (not the shipping) are refunded once
		JsonNode refunded = single(integrator.get("/api/orders/" + orderId + "/shipments"));
		assertThat(refunded.path("status").asText()).isEqualTo("RETURNED_TO_SENDER");
		assertThat(refunded.path("statusDetail").asText()).contains("reported by the location");
		assertThat(refunded.path("failure").path("status").asText()).isEqualTo("REFUNDED");
		assertThat(refundedAmount(orderId)).isEqualByComparingTo("29.75");
		assertThat(single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("status").asText())
			.isEqualTo("UNDELIVERED");

		// When the carrier reports it back as well, and the location once more under another event id
		assertThat(carrier(shipmentId, "RETURNED_TO_SENDER", "Back at the depot").status()).isEqualTo(202);
		Response second = parcelBack(foId, "wh-back-again-" + foId, Map.of());
		assertThat(second.status()).as(second.toString()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then nothing changes: one refund, the ledger reconciles
		assertThat(refundedAmount(orderId)).isEqualByComparingTo("29.75");
		assertThat(integrator.get("/api/orders/" + orderId + "/payments").json().path("reconciles").asBoolean()).isTrue();
		assertThat(rowsOf("credit_memo", orderId)).isEqualTo(1);
	}

	@Test
	void aParcelNotBackInTimeIsRefundedAnywayByTheAgentOverEngineRest() {
		// Given a failed delivery the agent decided to refund once the parcel is back
		String orderId = shippedOrder(2);
		String shipmentId = single(integrator.get("/api/orders/" + orderId + "/shipments")).path("id").asText();
		JsonNode fo = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders"));
		carrier(shipmentId, "DELIVERY_FAILED", "Address not found");
		Jobs.runDue(engine);
		complete(task(orderId, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));

		// When its return deadline passes
		Jobs.fireTimers(engine, fo.path("number").asText(), BOUNDARY_EVENT_PARCEL_NOT_RETURNED);
		Task task = task(orderId, USER_TASK_RESOLVE_PARCEL_NOT_RETURNED);

		// When the agent keeps waiting until yesterday, Then that is a 400 naming the date; the task stays
		Response past = agent.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables",
				variables(Map.of("parcelNotReturnedDecision", "KEEP_WAITING", "newDeadline",
						LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()))));
		assertThat(past.status()).as(past.toString()).isEqualTo(400);
		assertThat(past.json().path("violations").get(0).path("field").asText()).isEqualTo("newDeadline");
		assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();

		// When the agent refunds the units anyway
		complete(task, Map.of("parcelNotReturnedDecision", "REFUND", "decisionNote", "lost by the carrier"));

		// Then they are refunded once, count as returned, and the parcel stays as the carrier last reported it
		assertThat(refundedAmount(orderId)).isEqualByComparingTo("29.75");
		JsonNode lost = single(integrator.get("/api/orders/" + orderId + "/shipments"));
		assertThat(lost.path("status").asText()).isEqualTo("DELIVERY_FAILED");
		assertThat(lost.path("failure").path("status").asText()).isEqualTo("REFUNDED");
		JsonNode line = integrator.get("/api/orders/" + orderId).json().path("lines").get(0);
		assertThat(line.path("quantities").path("returned").asInt()).isEqualTo(2);
		assertThat(single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("status").asText())
			.isEqualTo("UNDELIVERED");
		assertThat(integrator.get("/api/orders/" + orderId + "/payments").json().path("reconciles").asBoolean()).isTrue();

		// And a report of the parcel back by the location after that is a 409 that changes nothing
		Response tooLate = parcelBack(fo.path("id").asText(), "wh-late-" + fo.path("id").asText(), Map.of());
		assertThat(tooLate.status()).as(tooLate.toString()).isEqualTo(409);
		assertThat(refundedAmount(orderId)).isEqualByComparingTo("29.75");
	}

	// --- helpers ------------------------------------------------------------------------------

	/** An order of {@code quantity} units, released and shipped (SHIPPED over REST), captured. */
	String shippedOrder(int quantity) {
		String orderId = submit(quantity);
		Jobs.runDue(engine);
		String foId = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("id").asText();
		Response shipped = warehouse.post("/api/fulfillment-orders/" + foId + "/events",
				Map.of("eventId", "SHIPPED-" + foId, "type", "SHIPPED"));
		assertThat(shipped.status()).as(shipped.toString()).isEqualTo(202);
		Jobs.runDue(engine);
		return orderId;
	}

	Response carrier(String shipmentId, String type, String detail) {
		Map<String, Object> event = new HashMap<>(Map.of("eventId", type + "-" + shipmentId, "type", type));
		if (detail != null) {
			event.put("detail", detail);
		}
		return integrator.post("/api/shipments/" + shipmentId + "/events", event);
	}

	Response parcelBack(String fulfillmentOrderId, String eventId, Map<String, Object> fields) {
		Map<String, Object> event = new HashMap<>(fields);
		event.put("eventId", eventId);
		event.put("type", "PARCEL_RETURNED");
		return warehouse.post("/api/fulfillment-orders/" + fulfillmentOrderId + "/events", event);
	}

	BigDecimal refundedAmount(String orderId) {
		return new BigDecimal(integrator.get("/api/orders/" + orderId + "/payments").json().path("ledger")
			.path("refunded").asText());
	}

	Task task(String orderId, String taskKey) {
		String number = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("number").asText();
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(number)
			.taskDefinitionKey(taskKey)
			.singleResult();
		assertThat(task).as("task %s of %s", taskKey, number).isNotNull();
		return task;
	}

	/** The service agent completes the task over /engine-rest, as Tasklist does; the jobs that follow run. */
	void complete(Task task, Map<String, Object> values) {
		Response completed = agent.post("/engine-rest/task/" + task.getId() + "/complete",
				Map.of("variables", variables(values)));
		assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
		Jobs.runDue(engine);
	}

	static Map<String, Object> variables(Map<String, Object> values) {
		Map<String, Object> variables = new HashMap<>();
		values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		return variables;
	}

	static JsonNode single(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json()).hasSize(1);
		return response.json().get(0);
	}


	/** The order as the search lists it (GET /api/orders?orderNumber=…). */
	private JsonNode listed(JsonNode order) {
		JsonNode page = integrator.get("/api/orders?orderNumber=" + order.path("orderNumber").asText()).json();
		assertThat(page.path("totalElements").asLong()).isEqualTo(1);
		return page.path("content").get(0);
	}

}
