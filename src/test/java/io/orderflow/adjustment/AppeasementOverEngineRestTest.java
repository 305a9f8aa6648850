package io.orderflow.adjustment;

import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.payment.Payments;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The four-eyes rule on "Approve appeasement" over {@code /engine-rest}: the engine wraps the task
 * listener's refusal, and engine-rest alone would answer it with a 500. Orderflow answers 403, changes
 * nothing, and another supervisor can still decide.
 */
@H2Test
class AppeasementOverEngineRestTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Adjustments adjustments;

	@Autowired
	Payments payments;

	@Autowired
	Inventory inventory;

	@Autowired
	JdbcClient jdbc;

	final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

	String sku;

	@BeforeEach
	void setUp() {
		Jobs.discardLeftovers(engine);
		sku = "FOUR-" + run;
		inventory.saveProduct(new Product(sku, "Four-eyes product", true));
		inventory.saveLocation(new Location("FOUR-" + run, "Four-eyes location", LocationType.WAREHOUSE, 1, "DE", null,
				null, true));
		inventory.setOnHand("FOUR-" + run, sku, 10);
	}

	@AfterEach
	void invariantsHold() {
		Invariants.assertHold(jdbc, engine);
	}

	@Test
	void aSupervisorCompletingTheirOwnAppeasementOverEngineRestGets403AndNothingChanges() {
		// Given a shipped order and an appeasement over the threshold requested by the supervisor
		Pending pending = pendingAppeasement("supervisor");
		UUID orderId = pending.orderId();
		Adjustment adjustment = pending.adjustment();
		Task approval = pending.approval();

		// When the same supervisor approves it over engine-rest
		ApiClient supervisor = ApiClient.on(port).as("supervisor");
		Response own = supervisor.post("/engine-rest/task/" + approval.getId() + "/complete",
				Map.of("variables", Map.of("appeasementDecision", Map.of("value", "APPROVE"))));

		// Then it is a 403 saying why, and nothing changed
		assertThat(own.status()).as(own.toString()).isEqualTo(403);
		assertThat(own.json().path("type").asText()).isEqualTo("AuthorizationException");
		assertThat(own.json().path("message").asText()).contains("supervisor requested this adjustment");
		assertThat(engine.getTaskService().createTaskQuery().taskId(approval.getId()).count()).isOne();
		assertThat(adjustments.find(adjustment.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.PENDING_APPROVAL);
		assertThat(payments.ledger(orderId).refunded()).isZero();
	}

	@Test
	void theApproverCanOnlyDecideWithTheFormsFieldsAndCannotRewriteTheTasksVariables() {
		// Given an appeasement requested by an agent, awaiting a supervisor
		Pending pending = pendingAppeasement("agent");
		String task = "/engine-rest/task/" + pending.approval().getId();
		ApiClient supervisor = ApiClient.on(port).as("supervisor");
		String other = UUID.randomUUID().toString();

		// When the supervisor tries to point the task at another adjustment, or to decide with extra variables
		Response patched = supervisor.post(task + "/variables",
				Map.of("modifications", Map.of("adjustmentId", Map.of("value", other))));
		Response put = supervisor.put(task + "/variables/adjustmentId", Map.of("value", other));
		Response completed = supervisor.post(task + "/complete", Map.of("variables",
				Map.of("appeasementDecision", Map.of("value", "APPROVE"), "adjustmentId", Map.of("value", other),
						"appeasementDecidedBy", Map.of("value", "boss"))));

		// Then the changes are forbidden, the completion is refused naming each extra variable, nothing changed
		assertThat(patched.status()).as(patched.toString()).isEqualTo(403);
		assertThat(put.status()).as(put.toString()).isEqualTo(403);
		assertThat(completed.status()).as(completed.toString()).isEqualTo(400);
		assertThat(completed.json().path("violations").findValuesAsText("field"))
			.containsExactly("variables.adjustmentId", "variables.appeasementDecidedBy");
		assertThat(engine.getRuntimeService().getVariable(pending.adjustment().processInstanceId(), "adjustmentId"))
			.isEqualTo(pending.adjustment().id().toString());
		assertThat(engine.getTaskService().createTaskQuery().taskId(pending.approval().getId()).count()).isOne();

		// And deciding with the form's fields goes through, the approver being the supervisor
		Response decided = supervisor.post(task + "/complete", Map.of("variables",
				Map.of("appeasementDecision", Map.of("value", "APPROVE"), "decisionNote", Map.of("value", "ok"))));
		assertThat(decided.status()).as(decided.toString()).isEqualTo(204);
		Jobs.runDue(engine);
		Adjustment done = adjustments.find(pending.adjustment().id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		assertThat(done.approvedBy()).isEqualTo("supervisor");
	}

	record Pending(UUID orderId, Adjustment adjustment, Task approval) {
	}

	/** A shipped order of 4 × 12.50 and an appeasement of 30.00 (over the threshold) awaiting approval. */
	Pending pendingAppeasement(String requestedBy) {
		ApiClient integrator = ApiClient.on(port).as("integrator");
		Map<String, Object> submitted = TestOrders.valid();
		submitted.put("lines", List.of(TestOrders.map("sku", sku, "name", "Four-eyes product", "quantity", 4,
				"unitPrice", "12.50", "taxRate", "0.19")));
		Response created = integrator.post("/api/orders", submitted);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		UUID orderId = UUID.fromString(created.json().path("id").asText());
		Jobs.runDue(engine);
		String fo = integrator.get("/api/orders/" + orderId + "/fulfillment-orders").json().get(0).path("id").asText();
		assertThat(integrator.post("/api/fulfillment-orders/" + fo + "/events",
				Map.of("eventId", "shipped-" + fo, "type", "SHIPPED")).status()).isEqualTo(202);
		Jobs.runDue(engine);
		Adjustment adjustment = adjustments
			.request(orderId, new AdjustmentRequest(1, null, new BigDecimal("30.00"), null, "arrived late"), null,
					requestedBy)
			.resource();
		Jobs.runDue(engine);
		Task approval = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(adjustment.processInstanceId())
			.taskDefinitionKey(USER_TASK_APPROVE_APPEASEMENT)
			.singleResult();
		assertThat(approval).isNotNull();
		return new Pending(orderId, adjustment, approval);
	}

}
