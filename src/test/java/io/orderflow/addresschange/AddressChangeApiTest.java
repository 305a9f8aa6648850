package io.orderflow.addresschange;

import static io.orderflow.AddressChangeProcess.Elements.TIMER_ANSWER_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.AddressChangeProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.junit.jupiter.api.Test;

/**
 * Changes of shipping address through the REST API as an integrator and a location use it: request, the
 * location's answer, read; bad input, shipped goods, unknown orders, repeats and replays. Runs on H2 and on
 * PostgreSQL; the invariants hold after each.
 */
abstract class AddressChangeApiTest extends ServiceApiTest {

	AddressChangeApiTest() {
		super("ADA", "Address change", "4.90");
	}

	static Map<String, Object> vienna() {
		return TestOrders.map("name", "Ada Lovelace", "line1", "Ringstrasse 5", "postalCode", "1010", "city", "Wien",
				"country", "AT");
	}

	static Map<String, Object> body(Map<String, Object> address, String reason) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("shippingAddress", address);
		body.put("reason", reason);
		return body;
	}

	@Test
	void afterReleaseTheLocationAcceptsAndTheParcelIsBookedToTheNewAddress() {
		// Given an order released to its location
		String orderId = released(1);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(UUID.fromString(orderId)).get(0);

		// When the integrator changes its address
		Response accepted = integrator.post("/api/orders/" + orderId + "/address-changes",
				body(vienna(), "Customer moved"));

		// Then it is accepted, and once applied its location is asked, by a deadline
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		String id = accepted.json().path("id").asText();
		assertThat(accepted.json().path("status").asText()).isEqualTo("REQUESTED");
		Jobs.runDue(engine);
		JsonNode waiting = integrator.get("/api/address-changes/" + id).json();
		assertThat(waiting.path("status").asText()).isEqualTo("AWAITING_LOCATIONS");
		assertThat(waiting.path("answerDeadline").asText()).isNotBlank();
		assertThat(waiting.path("fulfillmentOrders").get(0).path("outcome").asText()).isEqualTo("ASKED");
		assertThat(shipTo(fo).path("city").asText()).isEqualTo("Berlin");

		// When the location accepts over the API
		ApiClient warehouse = ApiClient.on(port).as("warehouse");
		Map<String, Object> answer = Map.of("eventId", "adr-" + run, "type", "ACCEPTED", "fulfillmentOrderId",
				fo.id().toString(), "reason", "not labelled yet");
		Response answered = warehouse.post("/api/address-changes/" + id + "/events", answer);
		assertThat(answered.status()).as(answered.toString()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then the change is APPLIED, the fulfillment order and the order ship to Vienna, the carrier is booked there
		JsonNode done = integrator.get("/api/address-changes/" + id).json();
		assertThat(done.path("status").asText()).isEqualTo("APPLIED");
		assertThat(done.path("fulfillmentOrders").get(0).path("outcome").asText()).isEqualTo("ACCEPTED");
		assertThat(shipTo(fo).path("city").asText()).isEqualTo("Wien");
		assertThat(integrator.get("/api/orders/" + orderId).json().path("shippingAddress").path("city").asText())
			.isEqualTo("Wien");
		ship(fo);
		assertThat(bookedCountry(fo)).isEqualTo("AT");
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(StreamSupport.stream(order.path("timeline").spliterator(), false)
			.filter(e -> e.path("type").asText().equals("ADDRESS_CHANGE"))
			.map(e -> e.path("actor").asText())).contains("integrator", fo.locationId());
		assertThat(order.path("_links").path("addressChanges").path("href").asText())
			.isEqualTo("/api/orders/" + orderId + "/address-changes");
		assertThat(integrator.get("/api/orders/" + orderId + "/address-changes").json()).hasSize(1);

		// And the same answer again changes nothing
		Response again = warehouse.post("/api/address-changes/" + id + "/events", answer);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("outcome").asText()).isEqualTo("DUPLICATE");
		Response other = warehouse.post("/api/address-changes/" + id + "/events",
				Map.of("eventId", "adr2-" + run, "type", "REFUSED", "fulfillmentOrderId", fo.id().toString()));
		assertThat(other.status()).as(other.toString()).isEqualTo(409);
		assertThat(integrator.get("/api/address-changes/" + id).json().path("fulfillmentOrders").get(0).path("outcome")
			.asText()).isEqualTo("ACCEPTED");
	}

	@Test
	void withoutAnAnswerTheParcelGoesToTheOldAddress() {
		String orderId = released(1);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(UUID.fromString(orderId)).get(0);
		String id = integrator.post("/api/orders/" + orderId + "/address-changes", body(vienna(), "Customer moved"))
			.json()
			.path("id")
			.asText();
		Jobs.runDue(engine);

		Jobs.fireTimers(engine, integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText(),
				TIMER_ANSWER_DEADLINE);
		Jobs.runDue(engine);

		JsonNode done = integrator.get("/api/address-changes/" + id).json();
		assertThat(done.path("status").asText()).isEqualTo("REFUSED");
		assertThat(done.path("fulfillmentOrders").get(0).path("outcome").asText()).isEqualTo("NO_ANSWER");
		assertThat(done.path("result").asText()).contains("no answer");
		ship(fo);
		assertThat(bookedCountry(fo)).isEqualTo("DE");
	}

	@Test
	void badInputNamesEveryInvalidFieldAndStoresNothing() {
		String orderId = submit(1);
		Map<String, Object> address = TestOrders.map("name", " ", "line1", "Ringstrasse 5", "postalCode",
				"1".repeat(21), "city", "Wien", "country", "at");
		Response invalid = integrator.post("/api/orders/" + orderId + "/address-changes", body(address, " "));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("reason", "shippingAddress.country",
				"shippingAddress.name", "shippingAddress.postalCode");

		Map<String, Object> unknownFo = body(vienna(), "moved");
		unknownFo.put("fulfillmentOrderId", "OF-1-F9");
		Response noSuchFo = integrator.post("/api/orders/" + orderId + "/address-changes", unknownFo);
		assertThat(noSuchFo.status()).isEqualTo(422);
		assertThat(fields(noSuchFo)).containsExactly("fulfillmentOrderId");

		Response noAddress = integrator.post("/api/orders/" + orderId + "/address-changes", Map.of("reason", "moved"));
		assertThat(fields(noAddress)).containsExactly("shippingAddress");
		Response unknownCountry = integrator.post("/api/orders/" + orderId + "/address-changes",
				body(TestOrders.map("name", "A", "line1", "B", "postalCode", "1", "city", "C", "country", "XX"), "m"));
		assertThat(fields(unknownCountry)).containsExactly("shippingAddress.country");
		assertThat(rowsOf("address_change", orderId)).isZero();
		Jobs.runDue(engine);
	}

	@Test
	void shippedGoodsAndUnknownOrdersAreRefused() {
		String orderId = released(1);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(UUID.fromString(orderId)).get(0);
		ship(fo);

		Response wholeOrder = integrator.post("/api/orders/" + orderId + "/address-changes", body(vienna(), "moved"));
		assertThat(wholeOrder.status()).as(wholeOrder.toString()).isEqualTo(409);
		assertThat(wholeOrder.json().path("detail").asText()).contains("has shipped");
		Map<String, Object> onlyOne = body(vienna(), "moved");
		onlyOne.put("fulfillmentOrderId", fo.number());
		Response parcel = integrator.post("/api/orders/" + orderId + "/address-changes", onlyOne);
		assertThat(parcel.status()).isEqualTo(409);
		assertThat(parcel.json().path("detail").asText()).contains(fo.number()).contains("SHIPPED");
		assertThat(rowsOf("address_change", orderId)).isZero();

		assertThat(integrator.post("/api/orders/" + UUID.randomUUID() + "/address-changes", body(vienna(), "moved"))
			.status()).isEqualTo(404);
		assertThat(integrator.get("/api/address-changes/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(ApiClient.on(port).as("warehouse").post("/api/address-changes/" + UUID.randomUUID() + "/events",
				Map.of("eventId", "x-" + run, "type", "ACCEPTED", "fulfillmentOrderId", fo.id().toString())).status())
			.isEqualTo(404);
		assertThat(ApiClient.on(port).as("warehouse").post("/api/orders/" + orderId + "/address-changes",
				body(vienna(), "moved")).status()).isEqualTo(403);
	}

	@Test
	void idempotencyKeyReplaysTheFirstAnswerAndAnotherChangeWaitsForTheFirst() {
		String orderId = released(1);
		ApiClient keyed = integrator.header("Idempotency-Key", "adr-" + run);

		Response first = keyed.post("/api/orders/" + orderId + "/address-changes", body(vienna(), "moved"));
		Response again = keyed.post("/api/orders/" + orderId + "/address-changes", body(vienna(), "moved"));
		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
		Response otherBody = keyed.post("/api/orders/" + orderId + "/address-changes", body(vienna(), "other"));
		assertThat(otherBody.status()).isEqualTo(422);
		assertThat(fields(otherBody)).containsExactly("Idempotency-Key");

		Response second = integrator.post("/api/orders/" + orderId + "/address-changes", body(vienna(), "again"));
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.json().path("detail").asText()).contains("still under way");
		Jobs.runDue(engine);
		assertThat(rowsOf("address_change", orderId)).isEqualTo(1);
	}

	@Test
	void anInvalidStartFormOverEngineRestIs400NamingEveryFieldAndStartsNothing() {
		long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

		Response refused = ApiClient.on(port)
			.as("agent")
			.post("/engine-rest/process-definition/key/" + AddressChangeProcess.KEY + "/submit-form",
					Map.of("variables", Map.of(AddressChangeProcess.Variables.FORM_ORDER_NUMBER, Map.of("value", "OF-NO-SUCH"),
							AddressChangeProcess.Variables.FORM_COUNTRY, Map.of("value", "ZZ"))));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().path("message").asText()).contains("The address change was not started")
			.contains("Order number: no order OF-NO-SUCH")
			.contains("Postal code: ")
			.contains("Country: unknown country code ZZ")
			.contains("Reason: is required");
		assertThat(refused.json().path("violations").findValuesAsText("field")).contains(
				AddressChangeProcess.Variables.FORM_ORDER_NUMBER, AddressChangeProcess.Variables.FORM_NAME,
				AddressChangeProcess.Variables.FORM_POSTAL_CODE, AddressChangeProcess.Variables.FORM_REASON);
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
	}

	// --- helpers -------------------------------------------------------------------------------

	private String released(int quantity) {
		String orderId = submit(quantity);
		Jobs.runDue(engine);
		return orderId;
	}

	private JsonNode shipTo(FulfillmentOrder fo) {
		return integrator.get("/api/fulfillment-orders/" + fo.id()).json().path("shipTo");
	}

	private void ship(FulfillmentOrder fo) {
		locationEvents.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null,
				null, null));
		Jobs.runDue(engine);
	}

	private String bookedCountry(FulfillmentOrder fo) {
		return jdbc.sql("select country from sandbox_carrier_booking where idempotency_key = :key")
			.param("key", "book:" + fo.id())
			.query(String.class)
			.single();
	}

}
