package io.orderflow.payment;

import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An order's money as an integrator reads it: ledger, invoices, credit memos, gateway calls. */
@H2Test
class PaymentApiTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Inventory inventory;

	@Autowired
	JdbcClient jdbc;

	ApiClient integrator;

	final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	String sku;

	@BeforeEach
	void setUp() {
		Jobs.discardLeftovers(engine);
		integrator = ApiClient.on(port).as("integrator");
		sku = "PAY-API-" + run;
		inventory.saveProduct(new Product(sku, "Payment API product", true));
		inventory.saveLocation(new Location("PAY-" + run, "Payment API location", LocationType.WAREHOUSE, 1, "DE", null,
				null, true));
		inventory.setOnHand("PAY-" + run, sku, 10);
	}

	@AfterEach
	void invariantsHold() {
		Invariants.assertHold(jdbc, engine);
	}

	@Test
	void aShippedAndAdjustedOrderShowsItsInvoiceCreditMemoAndLedger() {
		// Given an order of 2 × 12.50 (+19 %) with 4.90 shipping, shipped (34.65 captured), and 5.00 off line 1
		String orderId = shippedOrder();
		Response adjusted = integrator.post("/api/orders/" + orderId + "/adjustments",
				Map.of("lineNumber", 1, "amount", "5.00", "reason", "scratched"));
		assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(202);
		Jobs.runDue(engine);

		// When the integrator reads the order's money
		Response payments = integrator.get("/api/orders/" + orderId + "/payments");
		Response invoices = integrator.get("/api/orders/" + orderId + "/invoices");
		Response memos = integrator.get("/api/orders/" + orderId + "/credit-memos");

		// Then the ledger reconciles, with one capture and one refund at the gateway
		assertThat(payments.status()).as(payments.toString()).isEqualTo(200);
		JsonNode ledger = payments.json().path("ledger");
		assertThat(ledger.path("captured").asText()).isEqualTo("34.65");
		assertThat(ledger.path("refunded").asText()).isEqualTo("5.00");
		assertThat(ledger.path("invoiced").asText()).isEqualTo("34.65");
		assertThat(ledger.path("credited").asText()).isEqualTo("5.00");
		assertThat(payments.json().path("reconciles").asBoolean()).isTrue();
		assertThat(types(payments.json().path("transactions"))).contains("AUTHORIZATION", "CAPTURE", "REFUND");

		// and the invoice and the credit memo say what they were for
		assertThat(invoices.json()).hasSize(1);
		JsonNode invoice = invoices.json().get(0);
		assertThat(invoice.path("status").asText()).isEqualTo("ISSUED");
		assertThat(invoice.path("totalAmount").asText()).isEqualTo("34.65");
		assertThat(invoice.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
		assertThat(memos.json()).hasSize(1);
		JsonNode memo = memos.json().get(0);
		assertThat(memo.path("status").asText()).isEqualTo("ISSUED");
		assertThat(memo.path("totalAmount").asText()).isEqualTo("5.00");
		assertThat(memo.path("refunds").get(0).path("amount").asText()).isEqualTo("5.00");

		// and the order links to all of it
		JsonNode links = integrator.get("/api/orders/" + orderId).json().path("_links");
		assertThat(links.path("payments").path("href").asText()).isEqualTo("/api/orders/" + orderId + "/payments");
		assertThat(links.path("creditMemos").path("href").asText()).isEqualTo("/api/orders/" + orderId + "/credit-memos");
		assertThat(links.path("cancellations").path("href").asText()).endsWith("/cancellations");
		assertThat(links.path("adjustments").path("href").asText()).endsWith("/adjustments");
	}

	@Test
	void anAuthorizationThatFailedUntilItsIncidentShowsItsFailedCallAndTheOrderSaysWhatToDo() {
		// Given an order whose payment provider fails the first three attempts of each call
		String orderId = submitted("tok_transient_3");

		// When the authorization job has used up its three attempts (the test retry cycle) and became an incident
		Jobs.runDue(engine);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);
		assertThat(engine.getRuntimeService().createIncidentQuery().activityId(TASK_AUTHORIZE_PAYMENT).count())
			.isEqualTo(1);

		// Then the order's gateway calls list the failed authorization, tried three times, with the provider's words
		Response payments = integrator.get("/api/orders/" + orderId + "/payments");
		assertThat(payments.status()).as(payments.toString()).isEqualTo(200);
		JsonNode failed = payments.json().path("transactions").get(0);
		assertThat(payments.json().path("transactions")).hasSize(1);
		assertThat(failed.path("type").asText()).isEqualTo("AUTHORIZATION");
		assertThat(failed.path("status").asText()).isEqualTo("FAILED");
		assertThat(failed.path("result").asText()).isEqualTo("UNAVAILABLE");
		assertThat(failed.path("attempts").asInt()).isEqualTo(3);
		assertThat(failed.path("failureReason").asText()).contains("Transient failure of the payment provider");

		// and the order's timeline tells what stopped and what an operator does, while the order waits RECEIVED
		JsonNode order = integrator.get("/api/orders/" + orderId).json();
		assertThat(order.path("status").asText()).isEqualTo("RECEIVED");
		assertThat(incidents(order)).singleElement().asString()
			.startsWith("Incident at \"Authorize payment\": Payment authorization of 34.65 EUR failed 3 times (gateway: "
					+ "Transient failure of the payment provider")
			.endsWith(": fix the cause and retry the job in Cockpit, or cancel the order");

		// When an operator retries the job in Cockpit and the provider answers
		Jobs.retry(engine, TASK_AUTHORIZE_PAYMENT);

		// Then the order goes on, authorized once, after the failed call
		Response after = integrator.get("/api/orders/" + orderId + "/payments");
		assertThat(types(after.json().path("transactions"))).containsExactly("AUTHORIZATION", "AUTHORIZATION");
		assertThat(after.json().path("transactions").get(1).path("status").asText()).isEqualTo("SUCCEEDED");
		assertThat(after.json().path("ledger").path("authorized").asText()).isEqualTo("34.65");
		assertThat(incidents(integrator.get("/api/orders/" + orderId).json())).hasSize(1);
	}

	@Test
	void anUnknownOrderIs404AndSomeoneInNoGroupIsRefused() {
		for (String path : List.of("/payments", "/invoices", "/credit-memos")) {
			Response unknown = integrator.get("/api/orders/" + UUID.randomUUID() + path);
			assertThat(unknown.status()).as(path).isEqualTo(404);
			assertThat(unknown.contentType()).startsWith("application/problem+json");
		}
		String orderId = shippedOrder();
		assertThat(ApiClient.on(port).as("nobody").get("/api/orders/" + orderId + "/payments").status()).isEqualTo(403);
	}

	String shippedOrder() {
		String orderId = submitted("tok_approve");
		Jobs.runDue(engine);
		String fo = integrator.get("/api/orders/" + orderId + "/fulfillment-orders").json().get(0).path("id").asText();
		Response shipped = integrator.post("/api/fulfillment-orders/" + fo + "/events",
				Map.of("eventId", "shipped-" + fo, "type", "SHIPPED"));
		assertThat(shipped.status()).as(shipped.toString()).isEqualTo(202);
		Jobs.runDue(engine);
		return orderId;
	}

	/** An order of 2 × 12.50 (+19 %) with 4.90 shipping (34.65), paid with the token; its jobs not run yet. */
	String submitted(String paymentToken) {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", List.of(TestOrders.map("sku", sku, "name", "Payment API product", "quantity", 2, "unitPrice",
				"12.50", "taxRate", "0.19")));
		TestOrders.part(order, "payment").put("token", paymentToken);
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("id").asText();
	}

	static List<String> incidents(JsonNode order) {
		List<String> incidents = new java.util.ArrayList<>();
		order.path("timeline").forEach(entry -> {
			if ("INCIDENT".equals(entry.path("type").asText())) {
				incidents.add(entry.path("description").asText());
			}
		});
		return incidents;
	}

	static List<String> types(JsonNode transactions) {
		List<String> types = new java.util.ArrayList<>();
		transactions.forEach(t -> types.add(t.path("type").asText()));
		return types;
	}

}
