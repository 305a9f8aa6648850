package io.orderflow.platform.security;

import static io.orderflow.OrderProcess.Groups.ADMINS;
import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.INTEGRATORS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;
import static io.orderflow.OrderProcess.Groups.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api} endpoint, called by every group, by a user in no group and without credentials:
 * who is let through (any answer but 401 and 403: the request reached the endpoint, which may still
 * find the id unknown or the body invalid), who gets 403 and that nobody gets in without credentials.
 * The table is the one in docs/security.md ("Who sees what"); an endpoint added without a row here fails
 * {@link #everyEndpointIsInTheTable()}. Refused and probing requests change nothing: bodies are empty or
 * ids unknown, except where an order must exist to be read.
 */
@H2Test
class ApiAccessMatrixTest {

	/** Every Orderflow group, and the user of each in the test fixture ({@code admin}: the administrator). */
	private static final Map<String, String> USER_OF_GROUP = new LinkedHashMap<>();

	static {
		USER_OF_GROUP.put(INTEGRATORS, "integrator");
		USER_OF_GROUP.put(SERVICE_AGENTS, "agent");
		USER_OF_GROUP.put(SUPERVISORS, "supervisor");
		USER_OF_GROUP.put(FRAUD_ANALYSTS, "analyst");
		USER_OF_GROUP.put(WAREHOUSE, "warehouse");
		USER_OF_GROUP.put(ADMINS, "admin");
	}

	private static final Set<String> EVERY_GROUP = USER_OF_GROUP.keySet();

	private static final Set<String> ORDER_READERS = Set.of(INTEGRATORS, SERVICE_AGENTS, SUPERVISORS, FRAUD_ANALYSTS, ADMINS);

	private static final Set<String> SERVICE_READERS = Set.of(INTEGRATORS, SERVICE_AGENTS, SUPERVISORS, ADMINS);

	private static final Set<String> WRITERS = Set.of(INTEGRATORS, ADMINS);

	private static final Set<String> LOCATION_REPORTERS = Set.of(INTEGRATORS, WAREHOUSE, ADMINS);

	/** One row per endpoint: method, path pattern (as mapped), the groups it lets through. */
	record Endpoint(String method, String pattern, Set<String> allowed) {

		String path(String orderId) {
			return pattern.replace("/api/locations/{locationId}", "/api/locations/NO-SUCH-LOCATION")
				.replace("{orderId}", orderId)
				.replaceFirst("/api/orders/\\{id}", "/api/orders/" + orderId)
				.replace("{id}", UUID.randomUUID().toString())
				.replace("{sku}", "NO-SUCH-SKU")
				.replace("{deliveryId}", "0");
		}

		@Override
		public String toString() {
			return method + " " + pattern;
		}

	}

	static final List<Endpoint> TABLE = List.of(
			// the order and its money
			new Endpoint("GET", "/api/orders", ORDER_READERS),
			new Endpoint("GET", "/api/orders/{id}", ORDER_READERS),
			new Endpoint("GET", "/api/orders/{id}/payments", ORDER_READERS),
			new Endpoint("GET", "/api/orders/{id}/invoices", SERVICE_READERS),
			new Endpoint("GET", "/api/orders/{id}/credit-memos", SERVICE_READERS),
			new Endpoint("POST", "/api/orders", WRITERS),
			// what locations work with
			new Endpoint("GET", "/api/orders/{id}/fulfillment-orders", EVERY_GROUP),
			new Endpoint("GET", "/api/fulfillment-orders/{id}", EVERY_GROUP),
			new Endpoint("POST", "/api/fulfillment-orders/{id}/events", LOCATION_REPORTERS),
			new Endpoint("GET", "/api/orders/{id}/shipments", EVERY_GROUP),
			new Endpoint("GET", "/api/shipments/{id}", EVERY_GROUP),
			new Endpoint("POST", "/api/shipments/{id}/events", WRITERS),
			new Endpoint("GET", "/api/orders/{id}/returns", EVERY_GROUP),
			new Endpoint("GET", "/api/returns/{id}", EVERY_GROUP),
			new Endpoint("POST", "/api/orders/{id}/returns", WRITERS),
			new Endpoint("POST", "/api/returns/{id}/events", LOCATION_REPORTERS),
			new Endpoint("GET", "/api/orders/{id}/reshipments", EVERY_GROUP),
			new Endpoint("GET", "/api/reshipments/{id}", EVERY_GROUP),
			new Endpoint("POST", "/api/orders/{id}/reshipments", WRITERS),
			// exchanges carry money (what the units were paid for, the difference): the people who serve the customer
			new Endpoint("GET", "/api/orders/{id}/exchanges", SERVICE_READERS),
			new Endpoint("GET", "/api/exchanges/{id}", SERVICE_READERS),
			new Endpoint("POST", "/api/orders/{id}/exchanges", WRITERS),
			new Endpoint("POST", "/api/exchanges/{id}/events", LOCATION_REPORTERS),
			// the catalog and the locations: everyone reads, integrations keep them
			new Endpoint("GET", "/api/products", EVERY_GROUP),
			new Endpoint("GET", "/api/products/{sku}", EVERY_GROUP),
			new Endpoint("PUT", "/api/products/{sku}", WRITERS),
			new Endpoint("DELETE", "/api/products/{sku}", WRITERS),
			new Endpoint("POST", "/api/products/bulk", WRITERS),
			new Endpoint("GET", "/api/locations", EVERY_GROUP),
			new Endpoint("GET", "/api/locations/{id}", EVERY_GROUP),
			new Endpoint("PUT", "/api/locations/{id}", WRITERS),
			new Endpoint("PUT", "/api/locations/{id}/stock", WRITERS),
			new Endpoint("PUT", "/api/locations/{id}/stock/{sku}", WRITERS),
			new Endpoint("POST", "/api/locations/{id}/stock/{sku}/movements", WRITERS),
			new Endpoint("GET", "/api/availability", EVERY_GROUP),
			new Endpoint("GET", "/api/locations/{locationId}/fulfillment-orders", EVERY_GROUP),
			// what happened to orders: the event feed
			new Endpoint("GET", "/api/events", SERVICE_READERS),
			new Endpoint("GET", "/api/webhooks", WRITERS),
			new Endpoint("POST", "/api/webhooks", WRITERS),
			new Endpoint("GET", "/api/webhooks/{id}", WRITERS),
			new Endpoint("DELETE", "/api/webhooks/{id}", WRITERS),
			new Endpoint("POST", "/api/webhooks/{id}/enable", WRITERS),
			new Endpoint("GET", "/api/webhooks/{id}/deliveries", WRITERS),
			new Endpoint("POST", "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver", WRITERS),
			// service requests with money or the customer's wishes in them
			new Endpoint("GET", "/api/orders/{id}/cancellations", SERVICE_READERS),
			new Endpoint("GET", "/api/cancellations/{id}", SERVICE_READERS),
			new Endpoint("POST", "/api/orders/{id}/cancellations", WRITERS),
			new Endpoint("GET", "/api/orders/{id}/address-changes", SERVICE_READERS),
			new Endpoint("GET", "/api/address-changes/{id}", SERVICE_READERS),
			new Endpoint("POST", "/api/orders/{id}/address-changes", WRITERS),
			new Endpoint("POST", "/api/address-changes/{id}/events", LOCATION_REPORTERS),
			new Endpoint("GET", "/api/orders/{id}/adjustments", SERVICE_READERS),
			new Endpoint("GET", "/api/adjustments/{id}", SERVICE_READERS),
			new Endpoint("POST", "/api/orders/{id}/adjustments", WRITERS),
			// an agent's hold: the people who serve the customer hold and release an order themselves
			new Endpoint("GET", "/api/orders/{id}/holds", SERVICE_READERS),
			new Endpoint("POST", "/api/orders/{id}/hold", SERVICE_READERS),
			new Endpoint("POST", "/api/orders/{id}/release-hold", SERVICE_READERS),
			// API keys: administrators only
			new Endpoint("GET", "/api/api-keys", Set.of(ADMINS)),
			new Endpoint("POST", "/api/api-keys", Set.of(ADMINS)),
			new Endpoint("GET", "/api/api-keys/{id}", Set.of(ADMINS)),
			new Endpoint("DELETE", "/api/api-keys/{id}", Set.of(ADMINS)),
			new Endpoint("POST", "/api/api-keys/{id}/rotation", Set.of(ADMINS)));

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Value("${orderflow.admin.user-id}")
	String adminUser;

	@Value("${orderflow.admin.password}")
	String adminPassword;

	ApiClient api;

	static String orderId;

	@BeforeEach
	void setUp() {
		ProcessEngines.registerProcessEngine(engine);
		api = ApiClient.on(port);
		if (orderId == null) {
			Response order = api.as("integrator").post("/api/orders", TestOrders.valid());
			assertThat(order.status()).as(order.toString()).isEqualTo(201);
			orderId = order.json().path("id").asText();
			// authorized, allocated, released: it has a fulfillment order with a ship-to
			Jobs.runDue(engine);
		}
	}

	static Stream<Arguments> callers() {
		List<Arguments> calls = new ArrayList<>();
		for (Endpoint endpoint : TABLE) {
			USER_OF_GROUP.keySet().forEach(group -> calls.add(Arguments.of(endpoint, group)));
		}
		return calls.stream();
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("callers")
	void eachGroupIsLetThroughOrRefusedAsTheTableSays(Endpoint endpoint, String group) {
		Response response = call(client(group), endpoint);

		if (endpoint.allowed().contains(group)) {
			assertThat(response.status()).as(response.toString()).isNotIn(401, 403);
		}
		else {
			assertThat(response.status()).as(response.toString()).isEqualTo(403);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpoints")
	void aUserInNoGroupIsRefusedEverywhere(Endpoint endpoint) {
		Response response = call(api.as("nobody"), endpoint);

		assertThat(response.status()).as(response.toString()).isEqualTo(403);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpoints")
	void nobodyGetsInWithoutCredentials(Endpoint endpoint) {
		Response response = call(api, endpoint);

		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	static Stream<Endpoint> endpoints() {
		return TABLE.stream();
	}

	@Test
	void everyEndpointIsInTheTable() {
		Set<String> mapped = new TreeSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method + " " + pattern));
				}
			}
		}
		Set<String> tabled = new TreeSet<>(TABLE.stream().map(Endpoint::toString).toList());

		assertThat(tabled).isEqualTo(mapped);
	}

	@Test
	void warehouseStaffReadTheShipToOfAFulfillmentOrderButNotTheCustomersEmail() {
		Response fulfillmentOrders = api.as("warehouse").get("/api/orders/" + orderId + "/fulfillment-orders");

		assertThat(fulfillmentOrders.status()).as(fulfillmentOrders.toString()).isEqualTo(200);
		assertThat(fulfillmentOrders.json().size()).as(fulfillmentOrders.toString()).isPositive();
		assertThat(fulfillmentOrders.body()).doesNotContainIgnoringCase("example.com");
		fulfillmentOrders.json().forEach(f -> {
			assertThat(f.path("shipTo").path("city").asText()).isEqualTo("Berlin");
			assertThat(f.path("deliveryMethod").asText()).isNotBlank();
		});
	}

	private ApiClient client(String group) {
		String user = USER_OF_GROUP.get(group);
		return ADMINS.equals(group) ? api.withCredentials(adminUser, adminPassword) : api.as(user);
	}

	private Response call(ApiClient client, Endpoint endpoint) {
		String path = endpoint.path(orderId);
		return switch (endpoint.method()) {
			case "GET" -> client.get(path);
			case "DELETE" -> client.delete(path);
			case "PUT" -> client.put(path, "{}");
			default -> client.post(path, "{}");
		};
	}

}
