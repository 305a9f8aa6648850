package io.orderflow.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import io.orderflow.OrderProcess.AdjustmentProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.OrderProcess.Variables;
import io.orderflow.payment.Authorizations;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The forged starts of docs/security.md ("Forged starts") are refused and change nothing: start
 * instructions and skips, variables outside the documented entry, a second lifecycle for an order, and a
 * user's modification or restart of an instance.
 */
abstract class ForgedStartsTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String START_LIFECYCLE = "/engine-rest/process-definition/key/" + OrderProcess.LifecycleProcess.KEY
			+ "/start";

	private static final String START_ADJUSTMENT = "/engine-rest/process-definition/key/"
			+ OrderProcess.AdjustmentProcess.KEY + "/start";

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Authorizations authorizations;

	ApiClient api;

	@BeforeEach
	void setUp() {
		ProcessEngines.registerProcessEngine(engine);
		api = ApiClient.on(port);
	}

	@AfterEach
	void signOut() {
		engine.getIdentityService().clearAuthentication();
	}

	@Test
	void aStartBeforeAnActivityIsForbiddenAndStartsNothing() {
		Order order = submitOrder();
		long instances = instances();

		Response refused = api.as("integrator")
			.post(START_LIFECYCLE, Map.of("variables", idsOf(order), "startInstructions",
					List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ApproveOrder"))));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(refused.json().path("message").asText()).contains("only administrators");
		assertThat(instances()).isEqualTo(instances);
		assertThat(status(order)).isEqualTo("RECEIVED");
	}

	@Test
	void aStartThatSkipsListenersIsForbidden() {
		long instances = instances();

		Response refused = api.as("integrator")
			.post(START_LIFECYCLE, Map.of("variables", orderVariable(), "skipCustomListeners", true, "startInstructions",
					List.of(Map.of("type", "startBeforeActivity", "activityId", "StartEvent_OrderReceived"))));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(instances()).isEqualTo(instances);
	}

	@Test
	void aSecondLifecycleWithTheIdsOfAnExistingOrderIsRefusedNamingTheVariables() {
		Order order = submitOrder();
		long instances = instances();

		Response refused = api.as("integrator").post(START_LIFECYCLE, Map.of("variables", idsOf(order)));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().path("violations").findValuesAsText("field"))
			.containsExactly("variables." + Variables.ORDER_ID, "variables." + Variables.ORDER_NUMBER);
		assertThat(instances()).isEqualTo(instances);
		assertThat(lifecycles(order)).isEqualTo(1);
	}

	@Test
	void theDatabaseRefusesASecondLifecycleForAnOrderEvenFromOrderflowsOwnCode() {
		Order order = submitOrder();
		long instances = instances();

		assertThatThrownBy(() -> engine.getRuntimeService()
			.createProcessInstanceByKey(OrderProcess.LifecycleProcess.KEY)
			.setVariable(Variables.ORDER_ID, order.id().toString())
			.setVariable(Variables.ORDER_NUMBER, order.number())
			.execute()).isInstanceOf(StateConflictException.class);

		assertThat(instances()).isEqualTo(instances);
		assertThat(lifecycles(order)).isEqualTo(1);
		assertThat(jdbc.sql("select process_instance_id from orders where id = :id")
			.param("id", order.id())
			.query(String.class)
			.single()).isEqualTo(jdbc.sql("select process_instance_id from order_lifecycles where order_id = :id")
				.param("id", order.id())
				.query(String.class)
				.single());
	}

	@Test
	void anAgentCannotStartAnAdjustmentWithAForgedApprovalAtTheRefund() {
		long instances = instances();
		Map<String, Object> forged = Map.of(AdjustmentProcess.Variables.ADJUSTMENT_ID, Map.of("value", UUID.randomUUID().toString()),
				AdjustmentProcess.Variables.APPEASEMENT_DECIDED_BY, Map.of("value", "supervisor"));

		Response atRefund = api.as("agent")
			.post(START_ADJUSTMENT, Map.of("variables", forged, "startInstructions",
					List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_RefundAdjustment"))));
		Response atStart = api.as("agent").post(START_ADJUSTMENT, Map.of("variables", forged));

		assertThat(atRefund.status()).as(atRefund.toString()).isEqualTo(403);
		assertThat(atStart.status()).as(atStart.toString()).isEqualTo(400);
		assertThat(atStart.json().path("violations").findValuesAsText("field")).containsExactly(
				"variables." + AdjustmentProcess.Variables.ADJUSTMENT_ID, "variables." + AdjustmentProcess.Variables.APPEASEMENT_DECIDED_BY);
		assertThat(instances()).isEqualTo(instances);
	}

	@Test
	void aStartThroughTheDocumentedEntryStillWorks() throws JsonProcessingException {
		long instances = instances();

		Response started = api.as("integrator").post(START_LIFECYCLE, Map.of("variables", orderVariable()));

		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		assertThat(instances()).isEqualTo(instances + 1);
	}

	@Test
	void aSignedInUserCannotModifyOrRestartAnInstanceButOrderflowCan() {
		Order order = submitOrder();
		String instance = jdbc.sql("select process_instance_id from orders where id = :id")
			.param("id", order.id())
			.query(String.class)
			.single();
		engine.getIdentityService().setAuthentication("agent", List.of(OrderProcess.Groups.SERVICE_AGENTS));

		assertThatThrownBy(() -> engine.getRuntimeService()
			.createProcessInstanceModification(instance)
			.startBeforeActivity("Task_ApproveOrder")
			.execute()).isInstanceOf(AuthorizationException.class).hasMessageContaining("only administrators");
		assertThatThrownBy(() -> engine.getRuntimeService()
			.restartProcessInstances(engine.getRepositoryService()
				.createProcessDefinitionQuery()
				.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
				.latestVersion()
				.singleResult()
				.getId())
			.processInstanceIds(instance)
			.startBeforeActivity("Task_RegisterOrder")
			.execute()).isInstanceOf(AuthorizationException.class).hasMessageContaining("only administrators");

		engine.getIdentityService().clearAuthentication();
		assertThat(engine.getRuntimeService().getActivityInstance(instance).getChildActivityInstances())
			.as("the instance is where the order left it").isNotEmpty();
		assertThat(status(order)).isEqualTo("RECEIVED");
	}

	@Test
	void skipFlagsWithoutStartInstructionsAreABadRequestEvenForAnAdministrator() {
		long instances = instances();

		Response refused = api.withCredentials("admin", "test-admin-secret").post(START_LIFECYCLE,
				Map.of("variables", orderVariable(), "skipCustomListeners", true, "skipIoMappings", true));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().path("violations").findValuesAsText("field")).containsExactly("skipCustomListeners",
				"skipIoMappings");
		assertThat(instances()).isEqualTo(instances);
	}

	@Test
	void anAnalystApprovingAHeldOrderWhosePaymentIsGoneGetsAConflictAndNothingChanges() {
		// Given an order held for risk review whose authorization was voided since
		Jobs.discardLeftovers(engine);
		Map<String, Object> submitted = TestOrders.valid();
		submitted.put("lines", List.of(TestOrders.orderLine("SKU-A", 2, "600.00")));
		Response created = api.as("integrator").post("/api/orders", submitted);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Order order = new Order(UUID.fromString(created.json().path("id").asText()),
				created.json().path("orderNumber").asText());
		Jobs.runDue(engine);
		assertThat(status(order)).isEqualTo("ON_HOLD");
		authorizations.voidAuthorization(order.id(), "test: voided at the provider");
		Task review = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.number())
			.taskDefinitionKey(OrderProcess.LifecycleProcess.Elements.USER_TASK_REVIEW_RISK)
			.singleResult();

		// When the analyst approves it over engine-rest
		Response approved = api.as("analyst").post("/engine-rest/task/" + review.getId() + "/complete",
				Map.of("variables", Map.of("riskDecision", Map.of("value", "APPROVE"))));

		// Then it is a 409 saying why; the order is still held and the review still open
		assertThat(approved.status()).as(approved.toString()).isEqualTo(409);
		assertThat(approved.json().path("message").asText()).contains("its payment is not authorized");
		assertThat(status(order)).isEqualTo("ON_HOLD");
		assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
		Jobs.discardLeftovers(engine);
	}

	// helpers ------------------------------------------------------------------------------------

	record Order(UUID id, String number) {
	}

	private Order submitOrder() {
		Response created = api.as("integrator").post("/api/orders", TestOrders.valid());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new Order(UUID.fromString(created.json().path("id").asText()),
				created.json().path("orderNumber").asText());
	}

	private static Map<String, Object> idsOf(Order order) {
		return Map.of(Variables.ORDER_ID, Map.of("value", order.id().toString()), Variables.ORDER_NUMBER,
				Map.of("value", order.number()));
	}

	private static Map<String, Object> orderVariable() {
		try {
			return Map.of(LifecycleProcess.Variables.ORDER,
					Map.of("value", JSON.writeValueAsString(TestOrders.valid()), "type", "Json"));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private String status(Order order) {
		return jdbc.sql("select status from orders where id = :id").param("id", order.id()).query(String.class).single();
	}

	private long lifecycles(Order order) {
		return jdbc.sql("select count(*) from order_lifecycles where order_id = :id")
			.param("id", order.id())
			.query(Long.class)
			.single();
	}

	private long instances() {
		return engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
			.count()
				+ engine.getHistoryService()
					.createHistoricProcessInstanceQuery()
					.processDefinitionKey(OrderProcess.AdjustmentProcess.KEY)
					.count();
	}

}
