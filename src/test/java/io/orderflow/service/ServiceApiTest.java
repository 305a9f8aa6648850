package io.orderflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import io.orderflow.delivery.CarrierEventRequest;
import io.orderflow.delivery.CarrierEvents;
import io.orderflow.delivery.Shipments;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.fulfillment.LocationEvents;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the service REST tests share (each runs on H2 and on PostgreSQL through its subclasses): the
 * integrator's client, one SKU with 10 on hand at one location of this run, orders submitted and delivered
 * over REST, a quiet engine before each test and the {@link Invariants} after it.
 */
public abstract class ServiceApiTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected ProcessEngine engine;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected Inventory inventory;

	@Autowired
	protected FulfillmentOrders fulfillmentOrders;

	@Autowired
	protected LocationEvents locationEvents;

	@Autowired
	protected CarrierEvents carrierEvents;

	@Autowired
	protected Shipments shipments;

	protected ApiClient integrator;

	protected final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	/** The SKU of this run, {@code prefix-API-run}. */
	protected String sku;

	/** The location of this run, {@code prefix-run}, with 10 of {@link #sku} on hand. */
	protected String location;

	private final String prefix;

	private final String label;

	private final String shippingCharge;

	/**
	 * @param prefix of the SKU and location ids
	 * @param label of the product and location names ({@code "label API product"})
	 * @param shippingCharge of every order {@link #submit} submits
	 */
	protected ServiceApiTest(String prefix, String label, String shippingCharge) {
		this.prefix = prefix;
		this.label = label;
		this.shippingCharge = shippingCharge;
	}

	@BeforeEach
	protected void setUp() {
		Jobs.discardLeftovers(engine);
		integrator = ApiClient.on(port).as("integrator");
		sku = prefix + "-API-" + run;
		location = prefix + "-" + run;
		inventory.saveProduct(new Product(sku, label + " API product", true));
		inventory.saveLocation(new Location(location, label + " API location", LocationType.WAREHOUSE, 1, "DE", null,
				null, true));
		inventory.setOnHand(location, sku, 10);
	}

	@AfterEach
	protected void invariantsHold() {
		Invariants.assertHold(jdbc, engine);
	}

	// --- helpers ------------------------------------------------------------------------------

	/** Submits an order of {@code quantity} × 12.50 (+19 %) over REST; no jobs run. Returns its id. */
	protected String submit(int quantity) {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", List.of(TestOrders.map("sku", sku, "name", "API product", "quantity", quantity, "unitPrice",
				"12.50", "taxRate", "0.19")));
		order.put("shippingCharge", shippingCharge);
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("id").asText();
	}

	/** Submits an order of one unit of {@link #sku} (12.50, +19 %) by this customer over REST; no jobs run. Returns its id. */
	protected String submitFor(String customerEmail, String customerName, String product) {
		Map<String, Object> order = TestOrders.valid();
		order.put("customer", TestOrders.map("id", "C-" + run, "email", customerEmail, "name", customerName));
		order.put("lines", List.of(TestOrders.map("sku", sku, "name", product, "quantity", 1, "unitPrice", "12.50",
				"taxRate", "0.19")));
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("id").asText();
	}

	/** An order of {@code quantity} × 12.50 (+19 %), shipped, captured and delivered. Returns its id. */
	protected String deliveredOrder(int quantity) {
		String orderId = submit(quantity);
		Jobs.runDue(engine);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(UUID.fromString(orderId))) {
			shipAndDeliver(fo);
		}
		assertThat(integrator.get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("DELIVERED");
		return orderId;
	}

	protected void shipAndDeliver(FulfillmentOrder fo) {
		locationEvents.receive(fo.id(),
				new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null, null, null));
		Jobs.runDue(engine);
		var shipment = shipments.ofFulfillmentOrder(fo.id()).orElseThrow();
		carrierEvents.receive(shipment.id(), new CarrierEventRequest("DELIVERED-" + shipment.id(), "DELIVERED", null, null));
		Jobs.runDue(engine);
	}

	/** Rows of a table that belong to an order. */
	protected long rowsOf(String table, String orderId) {
		return jdbc.sql("select count(*) from " + table + " where order_id = :id")
			.param("id", UUID.fromString(orderId))
			.query(Long.class)
			.single();
	}

	/** The invalid fields a problem+json response names. */
	protected static List<String> fields(Response response) {
		return StreamSupport.stream(response.json().path("errors").spliterator(), false)
			.map(e -> e.path("field").asText())
			.toList();
	}

}
