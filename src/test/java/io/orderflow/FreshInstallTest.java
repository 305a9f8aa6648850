package io.orderflow;

import static io.orderflow.testsupport.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.OnADatabaseOfItsOwn;
import io.orderflow.testsupport.OwnApplication;
import io.orderflow.testsupport.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A production install takes its first order without SQL: Given Orderflow started with the {@code postgres}
 * profile on an empty database (its job executor on, as in production), When an administrator issues an API
 * key and the integration sends products, a location and its stock over REST, Then an order of them is
 * allocated, released to the location, shipped and delivered through the location's and the carrier's events.
 * Runs in a JVM of its own (see the pom), on a database of its own.
 */
class FreshInstallTest extends OnADatabaseOfItsOwn {

	private static final String ADMIN_PASSWORD = "fresh-install-admin-secret";

	@Test
	void anEmptyInstallTakesItsCatalogAndStockOverRestAndDeliversItsFirstOrder() {
		Map<String, Object> environment = OwnApplication.productionEnvironment(database);
		environment.put("ORDERFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
		try (ConfigurableApplicationContext orderflow = OwnApplication.start(environment, "postgres")) {
			int port = Integer.parseInt(orderflow.getEnvironment().getProperty("local.server.port"));
			ApiClient admin = ApiClient.on(port).withCredentials("admin", ADMIN_PASSWORD);

			// Given an empty catalog: an order is refused
			assertThat(admin.get("/api/products").json().path("totalElements").asLong()).isZero();

			// When the administrator issues an API key for the integration
			Response issued = admin.post("/api/api-keys", Map.of("name", "erp", "groups", List.of("integrators")));
			assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
			ApiClient erp = ApiClient.on(port).header("Authorization", "Bearer " + issued.json().path("key").asText());
			Map<String, Object> order = TestOrders.valid();
			order.put("lines", List.of(TestOrders.map("sku", "SKU-FIRST", "name", "First product", "quantity", 2,
					"unitPrice", "19.99", "taxRate", "0.19")));
			assertThat(erp.post("/api/orders", order).status()).isEqualTo(422);

			// and it sends the products, a location and the location's stock
			assertThat(erp.post("/api/products/bulk", Map.of("products", List.of(Map.of("sku", "SKU-FIRST", "name",
					"First product"), Map.of("sku", "SKU-SECOND", "name", "Second product"))))
				.status()).isEqualTo(200);
			assertThat(erp.put("/api/locations/WH-FIRST", Map.of("name", "First warehouse", "type", "WAREHOUSE",
					"priority", 1, "country", "DE"))
				.status()).isEqualTo(201);
			Response snapshot = erp.put("/api/locations/WH-FIRST/stock", Map.of("asOf",
					OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString(), "levels",
					List.of(Map.of("sku", "SKU-FIRST", "onHand", 10), Map.of("sku", "SKU-SECOND", "onHand", 3))));
			assertThat(snapshot.status()).as(snapshot.toString()).isEqualTo(200);
			assertThat(erp.get("/api/availability?sku=SKU-FIRST").json().get(0).path("available").asInt())
				.isEqualTo(10);

			// Then an order of them is taken, allocated and released to the location's work queue
			order.put("externalReference", "FRESH-1");
			Response submitted = erp.post("/api/orders", order);
			assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
			String orderId = submitted.json().path("id").asText();
			JsonNode queued = waitFor("the fulfillment order in WH-FIRST's work queue", () -> {
				JsonNode queue = erp.get("/api/locations/WH-FIRST/fulfillment-orders?status=RELEASED").json();
				return queue.size() == 1 ? queue.get(0) : null;
			});
			assertThat(queued.path("orderId").asText()).isEqualTo(orderId);

			// and the location's and the carrier's events carry it to DELIVERED
			String fulfillmentOrder = queued.path("id").asText();
			assertThat(erp.post("/api/fulfillment-orders/" + fulfillmentOrder + "/events",
					Map.of("eventId", "first-shipped", "type", "SHIPPED"))
				.status()).isEqualTo(202);
			JsonNode shipment = waitFor("the carrier booked", () -> {
				JsonNode shipments = erp.get("/api/orders/" + orderId + "/shipments").json();
				return shipments.size() == 1 ? shipments.get(0) : null;
			});
			assertThat(erp.post("/api/shipments/" + shipment.path("id").asText() + "/events",
					Map.of("eventId", "first-delivered", "type", "DELIVERED"))
				.status()).isEqualTo(202);
			waitFor("the order DELIVERED", () -> {
				String status = erp.get("/api/orders/" + orderId).json().path("status").asText();
				return "DELIVERED".equals(status) || "COMPLETED".equals(status) ? status : null;
			});
			assertThat(erp.get("/api/availability?sku=SKU-FIRST").json().get(0).path("locations").get(0)
				.path("onHand")
				.asInt()).isEqualTo(8);
		}
	}

}
