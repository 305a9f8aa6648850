package io.orderflow.capture;

import static io.orderflow.testsupport.TestOrders.line;
import static io.orderflow.testsupport.TestOrders.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import io.orderflow.testsupport.AllAtOnce;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Order capture through the REST API, end to end: the same tests run on H2 and on PostgreSQL (see the
 * subclasses). After each test the invariants hold.
 */
abstract class CaptureApiTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	final ObjectMapper json = new ObjectMapper();

	ApiClient integrator;

	@BeforeEach
	void setUp() {
		integrator = ApiClient.on(port).as("integrator");
	}

	@AfterEach
	void invariantsHold() {
		Invariants.assertHold(jdbc, engine);
	}

	@Test
	void theCustomersLanguageIsKeptAsItsPrimaryLanguageAndAbsentWhereNotGiven() {
		// Given two orders, one in Austrian German, one without a language
		Map<String, Object> german = TestOrders.valid();
		part(german, "customer").put("language", "de-AT");

		// When
		JsonNode withLanguage = integrator.post("/api/orders", german).json();
		JsonNode without = integrator.post("/api/orders", TestOrders.valid()).json();

		// Then
		assertThat(withLanguage.path("customer").path("language").asText()).isEqualTo("de");
		assertThat(without.path("customer").has("language")).isFalse();
	}

	@Test
	void validOrderIsStoredWithComputedTotalsAndStartsItsLifecycle() {
		// Given an order of 2 x 19.99 and 1 x 5.00 at 19 % tax with 4.90 shipping
		Map<String, Object> order = TestOrders.valid();

		// When the storefront submits it
		Response response = integrator.post("/api/orders", order);

		// Then it is stored with the totals Orderflow computed
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.path("status").asText()).isEqualTo("RECEIVED");
		assertThat(body.path("orderNumber").asText()).startsWith("OF-");
		assertThat(body.path("totals").path("lines").asText()).isEqualTo("44.98");
		assertThat(body.path("totals").path("tax").asText()).isEqualTo("8.55");
		assertThat(body.path("totals").path("shipping").asText()).isEqualTo("4.90");
		assertThat(body.path("totals").path("grandTotal").asText()).isEqualTo("58.43");
		assertThat(body.path("customer").path("email").asText()).isEqualTo("ada@example.com");
		JsonNode firstLine = body.path("lines").get(0);
		assertThat(firstLine.path("status").asText()).isEqualTo("ORDERED");
		assertThat(firstLine.path("quantities").path("ordered").asInt()).isEqualTo(2);
		assertThat(firstLine.path("quantities").path("availableToCancel").asInt()).isEqualTo(2);
		assertThat(firstLine.path("total").asText()).isEqualTo("47.58");
		assertThat(body.path("_links").path("self").path("href").asText()).isEqualTo("/api/orders/" + body.path("id").asText());
		assertThat(timelineTypes(body)).containsExactly("ORDER_RECEIVED", "LIFECYCLE_STARTED");

		// And its lifecycle goes on to authorize the payment, carrying only ids
		ProcessInstance instance = lifecycleOf(body.path("orderNumber").asText());
		assertThat(instance).isNotNull();
		assertThat(engine.getRuntimeService().getActiveActivityIds(instance.getId()))
			.containsExactly(OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT);
		assertThat(engine.getRuntimeService().getVariables(instance.getId())).containsOnlyKeys(
				OrderProcess.Variables.ORDER_ID, OrderProcess.Variables.ORDER_NUMBER);
		assertThat(body.path("_links").path("process").path("href").asText()).endsWith(instance.getId());
	}

	@Test
	void storedOrderCanBeReadAndFound() {
		String email = "finder-" + System.nanoTime() + "@example.com";
		Map<String, Object> order = TestOrders.valid();
		part(order, "customer").put("email", email);
		order.put("channel", "B2B");
		JsonNode created = integrator.post("/api/orders", order).json();
		String id = created.path("id").asText();
		String number = created.path("orderNumber").asText();

		JsonNode read = integrator.get("/api/orders/" + id).json();
		assertThat(read.path("orderNumber").asText()).isEqualTo(number);
		assertThat(read.path("lines")).hasSize(2);
		assertThat(read.path("money").path("authorized").asText()).isEqualTo("0.00");
		assertThat(timelineTypes(read)).contains("ORDER_RECEIVED");

		assertThat(ids(integrator.get("/api/orders?orderNumber=" + number))).containsExactly(id);
		assertThat(ids(integrator.get("/api/orders?externalReference=" + order.get("externalReference"))))
			.containsExactly(id);
		assertThat(ids(integrator.get("/api/orders?customerEmail=" + email))).containsExactly(id);
		assertThat(ids(integrator.get("/api/orders?customerEmail=" + email + "&channel=B2B&status=RECEIVED")))
			.containsExactly(id);
		assertThat(ids(integrator.get("/api/orders?customerEmail=" + email + "&channel=WEB"))).isEmpty();
		assertThat(ids(integrator.get("/api/orders?customerEmail=" + email + "&status=CANCELED"))).isEmpty();

		// the list shows an order's money as the order does, and counts every match on every page
		JsonNode listed = integrator.get("/api/orders?customerEmail=" + email.toUpperCase()).json();
		assertThat(listed.path("content").get(0).path("money"))
			.isEqualTo(integrator.get("/api/orders/" + id).json().path("money"));
		assertThat(listed.path("content").get(0).path("late").asBoolean()).isFalse();
		assertThat(listed.path("totalElements").asLong()).isEqualTo(1);
		assertThat(listed.path("totalPages").asInt()).isEqualTo(1);
		Map<String, Object> again = TestOrders.valid();
		part(again, "customer").put("email", email);
		String newer = integrator.post("/api/orders", again).json().path("id").asText();
		for (String paging : List.of("page=0&size=1", "page=1&size=1", "page=2&size=1", "page=0&size=2",
				"page=0&size=20", "page=1&size=20")) {
			JsonNode found = integrator.get("/api/orders?customerEmail=" + email + "&" + paging).json();
			assertThat(found.path("totalElements").asLong()).as(paging).isEqualTo(2);
			assertThat(found.path("totalPages").asInt()).as(paging).isEqualTo(paging.endsWith("size=1") ? 2 : 1);
			assertThat(found.path("totalExact").asBoolean()).as(paging).isTrue();
		}
		assertThat(ids(integrator.get("/api/orders?customerEmail=" + email + "&page=1&size=1"))).containsExactly(id);
		assertThat(ids(integrator.get("/api/orders?customerEmail=" + email))).containsExactly(newer, id);

		integrator.post("/api/orders", TestOrders.valid()).json();
		Response page = integrator.get("/api/orders?size=1&page=1");
		assertThat(page.json().path("content")).hasSize(1);
		assertThat(page.json().path("totalElements").asLong()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void unknownOrderIsNotFound() {
		Response response = integrator.get("/api/orders/00000000-0000-0000-0000-000000000000");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void badQueryParametersAreNamed() {
		Response response = integrator.get("/api/orders?size=0");
		assertThat(response.status()).isEqualTo(400);
		assertThat(fields(response)).contains("size");
		assertThat(integrator.get("/api/orders?status=LOST").status()).isEqualTo(400);
	}

	static Stream<Arguments> brokenOrders() {
		return Stream.of(rule("unknown SKU", "lines[0].sku", o -> line(o, 0).put("sku", "SKU-DOES-NOT-EXIST")),
				rule("quantity below 1", "lines[0].quantity", o -> line(o, 0).put("quantity", 0)),
				rule("negative price", "lines[1].unitPrice", o -> line(o, 1).put("unitPrice", "-0.01")),
				rule("more decimals than the currency has", "lines[0].unitPrice",
						o -> line(o, 0).put("unitPrice", "19.999")),
				rule("tax rate of 100 % or more", "lines[0].taxRate", o -> line(o, 0).put("taxRate", "19")),
				rule("unsupported currency", "currency", o -> o.put("currency", "XAU")),
				rule("malformed currency", "currency", o -> o.put("currency", "euro")),
				rule("missing shipping address", "shippingAddress", o -> o.remove("shippingAddress")),
				rule("missing billing city", "billingAddress.city", o -> part(o, "billingAddress").remove("city")),
				rule("unknown country", "shippingAddress.country", o -> part(o, "shippingAddress").put("country", "XX")),
				rule("no lines", "lines", o -> o.put("lines", List.of())),
				rule("too many lines", "lines", o -> o.put("lines", manyLines(101))),
				rule("oversized external reference", "externalReference", o -> o.put("externalReference", "R".repeat(101))),
				rule("oversized customer name", "customer.name", o -> part(o, "customer").put("name", "N".repeat(201))),
				rule("invalid email", "customer.email", o -> part(o, "customer").put("email", "not-an-email")),
				rule("a language Orderflow does not write in", "customer.language",
						o -> part(o, "customer").put("language", "fr")),
				rule("unknown channel", "channel", o -> o.put("channel", "FAX")),
				rule("unknown delivery method", "deliveryMethod", o -> o.put("deliveryMethod", "TELEPORT")),
				rule("missing payment token", "payment.token", o -> part(o, "payment").remove("token")),
				rule("negative shipping charge", "shippingCharge", o -> o.put("shippingCharge", "-4.90")));
	}

	private static Arguments rule(String name, String field, Consumer<Map<String, Object>> breakIt) {
		return Arguments.of(name, field, breakIt);
	}

	private static List<Object> manyLines(int count) {
		List<Object> lines = new ArrayList<>();
		IntStream.range(0, count)
			.forEach(i -> lines.add(TestOrders.map("sku", "SKU-A", "name", "A", "quantity", 1, "unitPrice", "1.00",
					"taxRate", "0.19")));
		return lines;
	}

	@ParameterizedTest(name = "{0} is refused, naming {1}")
	@MethodSource("brokenOrders")
	void orderBreakingARuleIsRefusedAndNothingIsStored(String rule, String field,
			Consumer<Map<String, Object>> breakIt) {
		Map<String, Object> order = TestOrders.valid();
		breakIt.accept(order);
		String reference = String.valueOf(order.get("externalReference"));

		Response response = integrator.post("/api/orders", order);

		assertThat(response.status()).as(response.toString()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(fields(response)).as(response.toString()).contains(field);
		assertNothingStored(reference);
	}

	@Test
	void everyInvalidFieldIsNamedInOneAnswer() {
		Map<String, Object> order = TestOrders.valid();
		line(order, 0).put("sku", "SKU-NOPE");
		line(order, 1).put("quantity", -3);
		order.put("currency", "XYZ");
		order.remove("billingAddress");
		part(order, "customer").remove("email");

		Response response = integrator.post("/api/orders", order);

		assertThat(response.status()).isEqualTo(422);
		assertThat(fields(response)).containsExactlyInAnyOrder("lines[0].sku", "lines[1].quantity", "currency",
				"billingAddress", "customer.email");
		assertNothingStored(String.valueOf(order.get("externalReference")));
	}

	@Test
	void malformedJsonIsABadRequest() {
		Response response = integrator.post("/api/orders", "{\"externalReference\": \"X\", ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void wrongJsonTypeIsABadRequestNamingTheField() {
		Map<String, Object> order = TestOrders.valid();
		line(order, 0).put("quantity", "two");
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).isEqualTo(400);
		assertThat(fields(response)).containsExactly("lines[0].quantity");
		assertNothingStored(String.valueOf(order.get("externalReference")));
	}

	@Test
	void unknownJsonFieldIsABadRequest() {
		Map<String, Object> order = TestOrders.valid();
		order.put("shipingAddress", TestOrders.address());
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("detail").asText()).contains("shipingAddress");
	}

	@Test
	void sameExternalReferenceReturnsTheExistingOrderAndStartsNothing() {
		Map<String, Object> order = TestOrders.valid();
		Response first = integrator.post("/api/orders", order);
		Response second = integrator.post("/api/orders", order);
		Response fromOtherClient = ApiClient.on(port).as("integrator2").post("/api/orders", order);

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(200);
		assertThat(fromOtherClient.status()).isEqualTo(200);
		assertThat(second.json().path("id")).isEqualTo(first.json().path("id"));
		assertThat(fromOtherClient.json().path("id")).isEqualTo(first.json().path("id"));
		assertThat(lifecyclesOf(first.json().path("orderNumber").asText())).hasSize(1);
	}

	@Test
	void sameExternalReferenceOnAnotherChannelIsAnotherOrder() {
		String reference = TestOrders.uniqueReference();
		Map<String, Object> web = TestOrders.valid(reference);
		Map<String, Object> store = TestOrders.valid(reference);
		store.put("channel", "STORE");
		assertThat(integrator.post("/api/orders", web).status()).isEqualTo(201);
		assertThat(integrator.post("/api/orders", store).status()).isEqualTo(201);
	}

	@Test
	void idempotencyKeyReplaysTheFirstAnswer() {
		String key = "key-" + System.nanoTime();
		Map<String, Object> order = TestOrders.valid();
		Response first = integrator.header("Idempotency-Key", key).post("/api/orders", order);
		Response replay = integrator.header("Idempotency-Key", key).post("/api/orders", order);

		assertThat(first.status()).isEqualTo(201);
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.json().path("id")).isEqualTo(first.json().path("id"));
		assertThat(lifecyclesOf(first.json().path("orderNumber").asText())).hasSize(1);
	}

	@Test
	void idempotencyKeyWithAnotherBodyIsRefused() {
		String key = "key-" + System.nanoTime();
		Map<String, Object> order = TestOrders.valid();
		integrator.header("Idempotency-Key", key).post("/api/orders", order);
		Map<String, Object> other = TestOrders.valid();

		Response response = integrator.header("Idempotency-Key", key).post("/api/orders", other);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(fields(response)).containsExactly("Idempotency-Key");
		assertNothingStored(String.valueOf(other.get("externalReference")));
	}

	@Test
	void idempotencyKeysOfDifferentClientsDoNotCollide() {
		String key = "shared-key-" + System.nanoTime();
		Response mine = integrator.header("Idempotency-Key", key).post("/api/orders", TestOrders.valid());
		Response theirs = ApiClient.on(port)
			.as("integrator2")
			.header("Idempotency-Key", key)
			.post("/api/orders", TestOrders.valid());
		assertThat(mine.status()).isEqualTo(201);
		assertThat(theirs.status()).isEqualTo(201);
		assertThat(theirs.json().path("id")).isNotEqualTo(mine.json().path("id"));
	}

	@Test
	void fiftyConcurrentDuplicatesMakeOneOrderAndOneLifecycle() throws Exception {
		Map<String, Object> order = TestOrders.valid();
		List<Response> responses = AllAtOnce.repeat(50, () -> integrator.post("/api/orders", order));

		assertThat(responses).extracting(Response::status).containsOnly(200, 201);
		assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		assertThat(responses.stream().map(r -> r.json().path("id").asText()).distinct()).hasSize(1);
		assertThat(jdbc.sql("select count(*) from orders where external_reference = :ref")
			.param("ref", order.get("externalReference"))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(lifecyclesOf(responses.get(0).json().path("orderNumber").asText())).hasSize(1);
	}

	@Test
	void fiftyConcurrentRetriesWithOneIdempotencyKeyMakeOneOrder() throws Exception {
		Map<String, Object> order = TestOrders.valid();
		ApiClient client = integrator.header("Idempotency-Key", "burst-" + System.nanoTime());
		List<Response> responses = AllAtOnce.repeat(50, () -> client.post("/api/orders", order));

		// every retry gets the first answer
		assertThat(responses).extracting(Response::status).containsOnly(201);
		assertThat(responses.stream().map(r -> r.json().path("id").asText()).distinct()).hasSize(1);
		assertThat(lifecyclesOf(responses.get(0).json().path("orderNumber").asText())).hasSize(1);
	}

	@Test
	void orderStartedThroughEngineRestIsRegisteredByTheSameCode() throws Exception {
		Map<String, Object> order = TestOrders.valid();

		Response started = integrator.post("/engine-rest/process-definition/key/OrderLifecycle/start",
				startWithOrderVariable(order));

		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		assertThat(started.json().path("ended").asBoolean()).isFalse();
		String orderNumber = started.json().path("businessKey").asText();
		JsonNode found = integrator.get("/api/orders?externalReference=" + order.get("externalReference")).json();
		assertThat(found.path("content")).hasSize(1);
		JsonNode stored = found.path("content").get(0);
		assertThat(stored.path("orderNumber").asText()).isEqualTo(orderNumber);
		assertThat(stored.path("totals").path("grandTotal").asText()).isEqualTo("58.43");
		assertThat(engine.getRuntimeService().getVariables(started.json().path("id").asText()))
			.containsOnlyKeys(OrderProcess.Variables.ORDER_ID, OrderProcess.Variables.ORDER_NUMBER);
	}

	@Test
	void invalidOrderStartedThroughEngineRestEndsWithTheReasonRecorded() throws Exception {
		Map<String, Object> order = TestOrders.valid();
		line(order, 0).put("sku", "SKU-NOPE");

		Response started = integrator.post("/engine-rest/process-definition/key/OrderLifecycle/start",
				startWithOrderVariable(order));

		assertThat(started.status()).isEqualTo(200);
		assertThat(started.json().path("ended").asBoolean()).isTrue();
		String instanceId = started.json().path("id").asText();
		HistoricProcessInstance history = engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(instanceId)
			.singleResult();
		assertThat(history.getEndActivityId()).isEqualTo(OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_INVALID);
		Object errors = engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(instanceId)
			.variableName(OrderProcess.LifecycleProcess.Variables.VALIDATION_ERRORS)
			.singleResult()
			.getValue();
		assertThat(String.valueOf(errors)).contains("lines[0].sku");
		assertNothingStored(String.valueOf(order.get("externalReference")));
	}

	// --- helpers -----------------------------------------------------------------------------

	String startWithOrderVariable(Map<String, Object> order) throws Exception {
		return json.writeValueAsString(Map.of("variables",
				Map.of("order", Map.of("value", json.writeValueAsString(order), "type", "Json"))));
	}

	void assertNothingStored(String externalReference) {
		assertThat(jdbc.sql("select count(*) from orders where external_reference = :ref")
			.param("ref", externalReference)
			.query(Long.class)
			.single()).as("orders stored for %s", externalReference).isZero();
	}

	ProcessInstance lifecycleOf(String orderNumber) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
			.processInstanceBusinessKey(orderNumber)
			.singleResult();
	}

	List<HistoricProcessInstance> lifecyclesOf(String orderNumber) {
		return engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(orderNumber)
			.list();
	}

	static List<String> fields(Response response) {
		return StreamSupport.stream(response.json().path("errors").spliterator(), false)
			.map(error -> error.path("field").asText())
			.toList();
	}

	static List<String> ids(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return StreamSupport.stream(response.json().path("content").spliterator(), false)
			.map(order -> order.path("id").asText())
			.toList();
	}

	static List<String> timelineTypes(JsonNode order) {
		return StreamSupport.stream(order.path("timeline").spliterator(), false)
			.map(entry -> entry.path("type").asText())
			.toList();
	}

}
