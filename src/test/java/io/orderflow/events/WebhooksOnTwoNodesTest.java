package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Eventually;
import io.orderflow.testsupport.OnADatabaseOfItsOwn;
import io.orderflow.testsupport.OwnApplication;
import io.orderflow.testsupport.PostgresTestDatabase;
import io.orderflow.testsupport.TestOrders;
import io.orderflow.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Orderflow nodes on one PostgreSQL, as production runs them (job executor, sequencer and dispatcher on
 * both): Given a webhook subscription, When orders are taken on both nodes, Then every event reaches the
 * target once, in order per order; and When a node stops while it is sending, Then the other sends what it
 * left, so that nothing is lost. Runs in a JVM of its own (see the pom), on a database of its own.
 */
class WebhooksOnTwoNodesTest extends OnADatabaseOfItsOwn {

	private static final String ADMIN_PASSWORD = "two-nodes-admin-secret";

	private static final Set<String> TYPES = Set.of("order.created", "payment.authorized", "order.status_changed",
			"fulfillment_order.released");

	@Test
	void twoNodesDeliverEachEventOnceInOrderAndOneStoppingMidSendLosesNothing() throws Exception {
		Map<String, Object> environment = OwnApplication.productionEnvironment(database);
		environment.put("ORDERFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
		environment.put("ORDERFLOW_WEBHOOKS_ALLOWPRIVATETARGETS", "true");
		environment.put("ORDERFLOW_WEBHOOKS_TIMEOUT", "PT1S");
		try (WebhookReceiver receiver = new WebhookReceiver();
				ConfigurableApplicationContext first = OwnApplication.start(environment, "postgres")) {
			ConfigurableApplicationContext second = OwnApplication.start(environment, "postgres");
			String key = issueKey(first);
			ApiClient one = ApiClient.on(port(first)).header("Authorization", "Bearer " + key);
			ApiClient two = ApiClient.on(port(second)).header("Authorization", "Bearer " + key);
			catalog(one);
			Response subscribed = one.post("/api/webhooks", Map.of("url", receiver.url("/hook"), "types", TYPES));
			assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);

			// When orders are taken on both nodes
			for (int i = 0; i < 10; i++) {
				submit(i % 2 == 0 ? one : two, "TWO-" + i);
			}

			// Then every event of them reaches the target once, in order per order
			waitFor("every event delivered", () -> receiver.acceptedAt("/hook").size() == stored() && pending() == 0);
			List<WebhookReceiver.Received> got = receiver.acceptedAt("/hook");
			assertThat(got.stream().map(WebhookReceiver.Received::id).toList()).doesNotHaveDuplicates().hasSize(stored());
			assertInOrderPerOrder(got);

			// When the target answers slowly and the second node stops while it has deliveries under way
			receiver.slow("/hook", 400);
			for (int i = 10; i < 20; i++) {
				submit(i % 2 == 0 ? one : two, "TWO-" + i);
			}
			try {
				waitFor("deliveries under way", () -> claimed() > 0);
			}
			finally {
				second.close();
			}

			// Then the first node sends what it left: every event arrives, the first of each in order per order
			waitFor("every event delivered after the stop", () -> pending() == 0 && distinct(receiver) == stored());
			assertInOrderPerOrder(receiver.acceptedAt("/hook"));
		}
	}

	private static String issueKey(ConfigurableApplicationContext node) {
		ApiClient admin = ApiClient.on(port(node)).withCredentials("admin", ADMIN_PASSWORD);
		Response issued = admin.post("/api/api-keys", Map.of("name", "shop", "groups", List.of("integrators")));
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		return issued.json().path("key").asText();
	}

	private static void catalog(ApiClient client) {
		assertThat(client.post("/api/products/bulk",
				Map.of("products", List.of(Map.of("sku", "SKU-TWO", "name", "Two-node product")))).status())
			.isEqualTo(200);
		assertThat(client.put("/api/locations/WH-TWO",
				Map.of("name", "Two-node warehouse", "type", "WAREHOUSE", "priority", 1, "country", "DE")).status())
			.isEqualTo(201);
		assertThat(client.put("/api/locations/WH-TWO/stock", Map.of("asOf",
				OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString(), "levels",
				List.of(Map.of("sku", "SKU-TWO", "onHand", 1000)))).status()).isEqualTo(200);
	}

	private static void submit(ApiClient client, String reference) {
		Map<String, Object> order = TestOrders.valid();
		order.put("externalReference", reference);
		order.put("lines", List.of(TestOrders.map("sku", "SKU-TWO", "name", "Two-node product", "quantity", 1,
				"unitPrice", "9.99", "taxRate", "0.19")));
		Response submitted = client.post("/api/orders", order);
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
	}

	/** The first arrival of each event, per order: its sequence numbers only grow. */
	private static void assertInOrderPerOrder(List<WebhookReceiver.Received> got) {
		Map<String, List<Long>> firstArrivals = new LinkedHashMap<>();
		Set<String> seen = new java.util.HashSet<>();
		for (WebhookReceiver.Received received : got) {
			if (seen.add(received.id())) {
				firstArrivals.computeIfAbsent(received.json().path("orderId").asText(), id -> new ArrayList<>())
					.add(received.json().path("sequence").asLong());
			}
		}
		assertThat(firstArrivals).isNotEmpty()
			.allSatisfy((orderId, sequences) -> assertThat(sequences).as("order %s", orderId).isSorted());
	}

	private static long distinct(WebhookReceiver receiver) {
		return receiver.acceptedAt("/hook").stream().map(WebhookReceiver.Received::id).distinct().count();
	}

	private int stored() {
		return count("select count(*) from order_event where event_type in ('" + String.join("', '", TYPES) + "')");
	}

	private int pending() {
		return count("select count(*) from webhook_delivery where status = 'PENDING'")
				+ count("select count(*) from order_event where feed_position is null");
	}

	private int claimed() {
		return count("select count(*) from webhook_delivery where status = 'PENDING' and claimed_until is not null");
	}

	private int count(String sql) {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + PostgresTestDatabase.HOST + "/" + database, "postgres", "");
				Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	private static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
	}

	/** Waits until {@code done}, for at most 90 s (two nodes, a stopped one's claims to expire). */
	private static void waitFor(String what, BooleanSupplier done) {
		Eventually.waitFor(what, Duration.ofSeconds(90), () -> done.getAsBoolean() ? Boolean.TRUE : null);
	}

}
