package io.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole lifecycle through the REST API, as integrators, locations and carriers drive it: submit,
 * location events, carrier events, DELIVERED. Runs on H2 and on PostgreSQL (see the subclasses).
 */
abstract class LifecycleApiTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Inventory inventory;

	ApiClient integrator;

	ApiClient warehouse;

	final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	String sku;

	@BeforeEach
	void setUp() {
		integrator = ApiClient.on(port).as("integrator");
		warehouse = ApiClient.on(port).as("warehouse");
		sku = "API-" + run;
		inventory.saveProduct(new Product(sku, "API product", true));
		inventory.saveLocation(new Location("API-" + run, "API location", LocationType.WAREHOUSE, 1, "DE", null, null, true));
		inventory.setOnHand("API-" + run, sku, 10);
	}

	@AfterEach
	void invariantsHold() {
		Invariants.assertHold(jdbc, engine);
	}

	@Test
	void orderSubmittedOverRestReachesDeliveredThroughLocationAndCarrierEvents() {
		// Given an order submitted by the storefront
		JsonNode order = submit(2);
		String orderId = order.path("id").asText();
		Jobs.runDue(engine);
		assertThat(status(orderId)).isEqualTo("ALLOCATED");

		// When the location reports picked, packed and shipped with its own carrier
		JsonNode fo = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders"));
		String foId = fo.path("id").asText();
		assertThat(fo.path("status").asText()).isEqualTo("RELEASED");
		assertThat(report(foId, "PICKED", Map.of()).status()).isEqualTo(202);
		assertThat(report(foId, "PACKED", Map.of()).status()).isEqualTo(202);
		Response shipped = report(foId, "SHIPPED", Map.of("carrier", "DHL", "trackingNumber", "DHL-" + run));
		assertThat(shipped.status()).as(shipped.toString()).isEqualTo(202);
		assertThat(shipped.json().path("subjectStatus").asText()).isEqualTo("SHIPPED");
		Jobs.runDue(engine);
		assertThat(status(orderId)).isEqualTo("SHIPPED");

		// And the carrier reports the parcel in transit and delivered
		JsonNode shipment = single(integrator.get("/api/orders/" + orderId + "/shipments"));
		assertThat(shipment.path("trackingNumber").asText()).isEqualTo("DHL-" + run);
		String shipmentId = shipment.path("id").asText();
		assertThat(carrier(shipmentId, "IN_TRANSIT").status()).isEqualTo(202);
		assertThat(carrier(shipmentId, "DELIVERED").status()).isEqualTo(202);
		Jobs.runDue(engine);

		// Then the order is delivered and its money adds up
		JsonNode delivered = integrator.get("/api/orders/" + orderId).json();
		assertThat(delivered.path("status").asText()).isEqualTo("DELIVERED");
		assertThat(delivered.path("money").path("captured").asText())
			.isEqualTo(delivered.path("totals").path("grandTotal").asText());
		assertThat(delivered.path("lines").get(0).path("status").asText()).isEqualTo("FULFILLED");
		assertThat(delivered.path("lines").get(0).path("quantities").path("fulfilled").asInt()).isEqualTo(2);
	}

	@Test
	void duplicateEarlyUnknownAndLateEventsAreAnsweredClearly() {
		JsonNode order = submit(1);
		String orderId = order.path("id").asText();
		Jobs.runDue(engine);
		String foId = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("id").asText();

		// a repeat changes nothing
		assertThat(report(foId, "PICKED", Map.of()).status()).isEqualTo(202);
		Response repeat = report(foId, "PICKED", Map.of());
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.json().path("outcome").asText()).isEqualTo("DUPLICATE");

		// an unknown fulfillment order is 404, a malformed event 422 naming the fields
		Response unknown = warehouse.post("/api/fulfillment-orders/" + UUID.randomUUID() + "/events",
				Map.of("eventId", "x-" + run, "type", "PICKED"));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		Response invalid = warehouse.post("/api/fulfillment-orders/" + foId + "/events", Map.of("type", "LOST"));
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(StreamSupport.stream(invalid.json().path("errors").spliterator(), false)
			.map(e -> e.path("field").asText())).contains("eventId", "type");
		Response halfTracking = warehouse.post("/api/fulfillment-orders/" + foId + "/events",
				Map.of("eventId", "half-" + run, "type", "SHIPPED", "carrier", "DHL"));
		assertThat(halfTracking.status()).isEqualTo(422);

		// shipped and delivered, then a late PICKED: 409, and nothing changes
		report(foId, "SHIPPED", Map.of());
		Jobs.runDue(engine);
		String shipmentId = single(integrator.get("/api/orders/" + orderId + "/shipments")).path("id").asText();
		carrier(shipmentId, "DELIVERED");
		Jobs.runDue(engine);
		Response late = warehouse.post("/api/fulfillment-orders/" + foId + "/events",
				Map.of("eventId", "late-" + run, "type", "PACKED"));
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.contentType()).startsWith("application/problem+json");
		assertThat(status(orderId)).isEqualTo("DELIVERED");
	}

	@Test
	void theHistoryKeepsWhatCockpitAndTheAuditReadButNotTheJobsThatRanWithoutAFailure() {
		// Given an order whose payment authorization and capture each fail once before they succeed
		Map<String, Object> submitted = TestOrders.valid();
		submitted.put("lines", List.of(TestOrders.map("sku", sku, "name", "API product", "quantity", 1, "unitPrice",
				"12.50", "taxRate", "0.19")));
		submitted.put("payment", TestOrders.map("method", "CARD", "token", "tok_transient_1"));
		Response response = integrator.post("/api/orders", submitted);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		String orderId = response.json().path("id").asText();
		Jobs.runDue(engine);
		Jobs.retryNow(engine, "Task_AuthorizePayment");
		assertThat(status(orderId)).isEqualTo("ALLOCATED");

		// When it is shipped and delivered
		String foId = single(integrator.get("/api/orders/" + orderId + "/fulfillment-orders")).path("id").asText();
		report(foId, "SHIPPED", Map.of());
		Jobs.runDue(engine);
		Jobs.retryNow(engine, "Task_CapturePayment");
		carrier(single(integrator.get("/api/orders/" + orderId + "/shipments")).path("id").asText(), "DELIVERED");
		Jobs.runDue(engine);
		assertThat(status(orderId)).isEqualTo("DELIVERED");

		// Then its history has the instances, activities, variables, decision and the failure, and no job that ran well
		String orderNumber = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();
		String root = engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(orderNumber)
			.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
			.singleResult()
			.getId();
		assertThat(historyRows("act_hi_actinst", root)).isPositive();
		assertThat(historyRows("act_hi_varinst", root)).isPositive();
		assertThat(historyRows("act_hi_decinst", root)).isPositive();
		assertThat(jdbc.sql("select act_id_ from act_hi_job_log where process_instance_id_ in (" + INSTANCES_OF_ROOT
				+ ") and job_state_ = 1")
			.param("root", root)
			.query(String.class)
			.list()).containsExactlyInAnyOrder("Task_AuthorizePayment", "Task_CapturePayment");
		assertThat(jdbc.sql("select count(*) from act_hi_job_log where process_instance_id_ in (" + INSTANCES_OF_ROOT + ")")
			.param("root", root)
			.query(Long.class)
			.single()).as("the job log holds the failures only").isEqualTo(2);
		assertThat(historyRows("act_hi_detail", root)).as("variable details").isZero();
		// and the engine, at level full as its database says, does not even make events of jobs created, succeeded or deleted
		HistoryLevel level = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel();
		assertThat(level.getName()).isEqualTo("full");
		assertThat(level.getId()).isEqualTo(engine.getManagementService().getHistoryLevel()).isEqualTo(3);
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.JOB_CREATE, null)).isFalse();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.JOB_SUCCESS, null)).isFalse();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.JOB_DELETE, null)).isFalse();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.JOB_FAIL, null)).isTrue();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, null)).isTrue();
	}

	@Test
	void theHistoryOfAnOrderCarriesItsRemovalTimeFromTheStartSoThatItsEndRewritesNothing() {
		// Given an order accepted and allocated, its lifecycle still running
		Map<String, Object> submitted = TestOrders.valid();
		submitted.put("lines", List.of(TestOrders.map("sku", sku, "name", "API product", "quantity", 1, "unitPrice",
				"12.50", "taxRate", "0.19")));
		Response response = integrator.post("/api/orders", submitted);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		Jobs.runDue(engine);
		String orderNumber = response.json().path("orderNumber").asText();
		assertThat(status(response.json().path("id").asText())).isEqualTo("ALLOCATED");

		// When its history is read
		HistoricProcessInstance lifecycle = engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(orderNumber)
			.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
			.singleResult();

		// Then it is already due for removal 180 days (the model's time to live) after the order started, and so is
		// every activity it passed
		assertThat(lifecycle.getEndTime()).isNull();
		assertThat(lifecycle.getRemovalTime())
			.isEqualTo(Date.from(lifecycle.getStartTime().toInstant().plus(180, ChronoUnit.DAYS)));
		assertThat(jdbc.sql("select count(*) from act_hi_actinst where root_proc_inst_id_ = :root and (removal_time_ is null"
				+ " or removal_time_ <> :removal)")
			.param("root", lifecycle.getId())
			.param("removal", lifecycle.getRemovalTime())
			.query(Long.class)
			.single()).isZero();
		assertThat(historyRows("act_hi_actinst", lifecycle.getId())).isPositive();
	}

	private static final String INSTANCES_OF_ROOT = "select proc_inst_id_ from act_hi_procinst where root_proc_inst_id_ = :root";

	private long historyRows(String table, String rootProcessInstanceId) {
		return jdbc.sql("select count(*) from " + table + " where root_proc_inst_id_ = :root")
			.param("root", rootProcessInstanceId)
			.query(Long.class)
			.single();
	}

	@Test
	void eventsNeedAnAllowedGroup() {
		JsonNode order = submit(1);
		Jobs.runDue(engine);
		String foId = single(integrator.get("/api/orders/" + order.path("id").asText() + "/fulfillment-orders"))
			.path("id").asText();
		Response byAgent = ApiClient.on(port).as("agent").post("/api/fulfillment-orders/" + foId + "/events",
				Map.of("eventId", "agent-" + run, "type", "PICKED"));
		assertThat(byAgent.status()).isEqualTo(403);
		Response anonymous = ApiClient.on(port).post("/api/fulfillment-orders/" + foId + "/events",
				Map.of("eventId", "anon-" + run, "type", "PICKED"));
		assertThat(anonymous.status()).isEqualTo(401);
	}

	JsonNode submit(int quantity) {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", List.of(TestOrders.map("sku", sku, "name", "API product", "quantity", quantity, "unitPrice",
				"12.50", "taxRate", "0.19")));
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json();
	}

	Response report(String foId, String type, Map<String, Object> extra) {
		Map<String, Object> event = new java.util.HashMap<>(extra);
		event.put("eventId", type + "-" + foId);
		event.put("type", type);
		return warehouse.post("/api/fulfillment-orders/" + foId + "/events", event);
	}

	Response carrier(String shipmentId, String type) {
		return integrator.post("/api/shipments/" + shipmentId + "/events",
				Map.of("eventId", type + "-" + shipmentId, "type", type));
	}

	String status(String orderId) {
		return integrator.get("/api/orders/" + orderId).json().path("status").asText();
	}

	static JsonNode single(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json()).hasSize(1);
		return response.json().get(0);
	}

}
