package io.orderflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may call {@code /api} and {@code /engine-rest}, on a running Orderflow: no credentials or wrong
 * ones get 401, a user whose groups do not allow the request gets 403, and a refused request changes
 * nothing. Runs on H2 ({@link ApiSecurityH2Test}) and on PostgreSQL ({@link ApiSecurityPostgresTest}).
 *
 * <p>
 * Wrong passwords are only ever tried for {@code locked-integrator}: Camunda delays and finally locks a
 * user after failed logins, and no other test needs that user.
 */
abstract class ApiSecurityTest {

	private static final String ORDERS = "/api/orders";

	private static final String START_ORDER_LIFECYCLE = "/engine-rest/process-definition/key/"
			+ OrderProcess.LifecycleProcess.KEY + "/start";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProcessEngine engine;

	@Value("${orderflow.admin.user-id}")
	String adminUser;

	@Value("${orderflow.admin.password}")
	String adminPassword;

	ApiClient api;

	@BeforeEach
	void setUp() {
		// /engine-rest finds its engine by name in a registry shared by the whole JVM; another test
		// context cached in this JVM (H2 or PostgreSQL) may have registered its own engine under the
		// same name, or unregistered it on close. Make sure the requests reach this context's engine.
		ProcessEngines.registerProcessEngine(engine);
		api = ApiClient.on(port);
	}

	@AfterEach
	void invariantsHold() {
		Invariants.assertHold(jdbc, engine);
	}

	// /api ---------------------------------------------------------------------------------------

	@Test
	void submittingAnOrderWithoutCredentialsIsUnauthorizedWithABasicChallengeAndStoresNothing() throws Exception {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();

		// When
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(ORDERS))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(TestOrders.valid(reference))))
			.build(), HttpResponse.BodyHandlers.ofString());

		// Then
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("Basic "));
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void readingOrdersWithoutCredentialsIsUnauthorized() {
		Response response = api.get(ORDERS);

		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void submittingAnOrderWithAWrongPasswordIsUnauthorizedAndStoresNothing() {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();

		// When
		Response response = api.withCredentials("locked-integrator", "not-the-password")
			.post(ORDERS, TestOrders.valid(reference));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void submittingAnOrderAsAnUnknownUserIsUnauthorizedAndStoresNothing() {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();

		// When
		Response response = api.withCredentials("no-such-user", "whatever").post(ORDERS, TestOrders.valid(reference));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void aUserInNoGroupMayNeitherReadNorSubmitOrders() {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();
		ApiClient nobody = api.as("nobody");

		// When
		Response read = nobody.get(ORDERS);
		Response submit = nobody.post(ORDERS, TestOrders.valid(reference));

		// Then
		assertThat(read.status()).as(read.toString()).isEqualTo(403);
		assertThat(read.contentType()).startsWith("application/problem+json");
		assertThat(read.json().path("status").asInt()).isEqualTo(403);
		assertThat(submit.status()).as(submit.toString()).isEqualTo(403);
		assertThat(submit.contentType()).startsWith("application/problem+json");
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void warehouseStaffMayNeitherReadNorSubmitOrders() {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();
		ApiClient warehouse = api.as("warehouse");

		// When
		Response submit = warehouse.post(ORDERS, TestOrders.valid(reference));
		Response read = warehouse.get(ORDERS);

		// Then: orders carry customers' e-mail addresses and payments; the warehouse reads fulfillment orders
		assertThat(submit.status()).as(submit.toString()).isEqualTo(403);
		assertThat(submit.contentType()).startsWith("application/problem+json");
		assertNothingStored(reference, instancesBefore);
		assertThat(read.status()).as(read.toString()).isEqualTo(403);
	}

	@Test
	void anIntegratorMaySubmitAnOrder() {
		// Given
		String reference = TestOrders.uniqueReference();

		// When
		Response response = api.as("integrator").post(ORDERS, TestOrders.valid(reference));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(ordersWithReference(reference)).isEqualTo(1);
		assertThat(lifecycleInstancesOf(response.json().path("orderNumber").asText())).isEqualTo(1);
	}

	@Test
	void aPasswordChangedOnThisNodeTakesEffectAtTheNextRequest() {
		// Given a user whose password signed in (and is kept for a while)
		String userId = newIntegrator("first-password");
		assertThat(api.withCredentials(userId, "first-password").get(ORDERS).status()).isEqualTo(200);

		// When their password is changed through the engine
		User user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
		user.setPassword("second-password");
		engine.getIdentityService().saveUser(user);

		// Then the new password signs in and the old one no longer does
		assertThat(api.withCredentials(userId, "second-password").get(ORDERS).status()).isEqualTo(200);
		assertThat(api.withCredentials(userId, "first-password").get(ORDERS).status()).isEqualTo(401);
	}

	@Test
	void aMembershipRemovedOnThisNodeTakesEffectAtTheNextRequest() {
		// Given an integrator whose sign-in is kept
		String userId = newIntegrator("a-password");
		assertThat(api.withCredentials(userId, "a-password").get(ORDERS).status()).isEqualTo(200);

		// When they leave the integrators
		engine.getIdentityService().deleteMembership(userId, "integrators");

		// Then they may no longer read orders
		assertThat(api.withCredentials(userId, "a-password").get(ORDERS).status()).isEqualTo(403);
	}

	private String newIntegrator(String password) {
		String userId = "signin-" + UUID.randomUUID().toString().substring(0, 8);
		User user = engine.getIdentityService().newUser(userId);
		user.setPassword(password);
		engine.getIdentityService().saveUser(user);
		engine.getIdentityService().createMembership(userId, "integrators");
		return userId;
	}

	// /engine-rest -------------------------------------------------------------------------------

	@Test
	void theEngineChecksAuthorizations() {
		assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/engine-rest", "/engine-rest/engine", "/engine-rest/process-definition",
			"/engine-rest/process-instance", "/engine-rest/task", "/engine-rest/user", "/engine-rest/group",
			"/engine-rest/authorization", "/engine-rest/deployment", "/engine-rest/history/process-instance" })
	void theEngineRestApiWithoutCredentialsIsUnauthorized(String path) {
		Response response = api.get(path);

		// problem+json and the Basic challenge: Orderflow's security filter chain answered, not Jersey
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void startingAProcessWithoutCredentialsIsUnauthorizedAndStoresNothing() {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();

		// When
		Response response = api.post(START_ORDER_LIFECYCLE, startWithOrder(reference));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void theEngineRestApiWithAWrongPasswordIsUnauthorizedAndStartsNothing() {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();

		// When
		Response response = api.withCredentials("locked-integrator", "not-the-password")
			.post(START_ORDER_LIFECYCLE, startWithOrder(reference));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void aUserInNoGroupMayNotUseTheEngineRestApi() {
		// Given
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();
		ApiClient nobody = api.as("nobody");

		// When
		Response read = nobody.get("/engine-rest/process-definition");
		Response start = nobody.post(START_ORDER_LIFECYCLE, startWithOrder(reference));

		// Then
		assertThat(read.status()).as(read.toString()).isEqualTo(403);
		assertThat(read.contentType()).startsWith("application/problem+json");
		assertThat(start.status()).as(start.toString()).isEqualTo(403);
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void warehouseStaffMayNotStartAnOrderLifecycleThroughTheEngine() {
		// Given: warehouse staff pass the URL check; the engine's authorizations decide
		String reference = TestOrders.uniqueReference();
		long instancesBefore = lifecycleInstances();

		// When
		Response response = api.as("warehouse").post(START_ORDER_LIFECYCLE, startWithOrder(reference));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(response.json().path("type").asText()).isEqualTo("AuthorizationException");
		assertNothingStored(reference, instancesBefore);
	}

	@Test
	void anIntegratorMayStartAnOrderLifecycleWithAnOrderThroughTheEngine() {
		// Given
		String reference = TestOrders.uniqueReference();

		// When
		Response response = api.as("integrator").post(START_ORDER_LIFECYCLE, startWithOrder(reference));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		String processInstanceId = response.json().path("id").asText();
		assertThat(ordersWithReference(reference)).isEqualTo(1);
		String orderNumber = jdbc.sql("select order_number from orders where external_reference = :reference")
			.param("reference", reference)
			.query(String.class)
			.single();
		assertThat(engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.processInstanceBusinessKey(orderNumber)
			.count()).isEqualTo(1);
		assertThat(jdbc.sql("select created_by from orders where external_reference = :reference")
			.param("reference", reference)
			.query(String.class)
			.single()).isEqualTo("integrator");
	}

	@Test
	void anIntegratorReadsTheLifecyclesItStartedThroughTheEngineAndNoOthers() {
		// Given: one lifecycle started by this integrator over the engine, one by another integrator,
		// one by Orderflow for an order submitted over /api
		Response mine = api.as("integrator").post(START_ORDER_LIFECYCLE, startWithOrder(TestOrders.uniqueReference()));
		Response theirs = api.as("integrator2").post(START_ORDER_LIFECYCLE, startWithOrder(TestOrders.uniqueReference()));
		Response submitted = api.as("integrator").post(ORDERS, TestOrders.valid());
		assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
		assertThat(theirs.status()).as(theirs.toString()).isEqualTo(200);
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		String mineId = mine.json().path("id").asText();
		String theirsId = theirs.json().path("id").asText();
		String submittedNumber = submitted.json().path("orderNumber").asText();

		// When / Then: its own, with its history and variables
		Response own = api.as("integrator").get("/engine-rest/process-instance/" + mineId);
		assertThat(own.status()).as(own.toString()).isEqualTo(200);
		Response ownHistory = api.as("integrator").get("/engine-rest/history/process-instance?processInstanceId=" + mineId);
		assertThat(ids(ownHistory.json())).containsExactly(mineId);
		Response ownVariables = api.as("integrator").get("/engine-rest/history/variable-instance?processInstanceId=" + mineId);
		assertThat(ownVariables.json().size()).as(ownVariables.toString()).isPositive();

		// Then: not another integrator's, nor the one Orderflow started, nor their customers' data
		assertThat(api.as("integrator").get("/engine-rest/process-instance/" + theirsId).status()).isIn(403, 404);
		assertThat(api.as("integrator").get("/engine-rest/history/process-instance?processInstanceId=" + theirsId).json().size()).isZero();
		assertThat(api.as("integrator").get("/engine-rest/history/variable-instance?processInstanceId=" + theirsId).json().size()).isZero();
		assertThat(api.as("integrator").get("/engine-rest/process-instance?businessKey=" + submittedNumber).json().size()).isZero();
		Response warehouse = api.as("warehouse").get("/engine-rest/process-instance?businessKey=" + submittedNumber);
		assertThat(warehouse.status()).as(warehouse.toString()).isIn(200, 403);
		if (warehouse.status() == 200) {
			assertThat(warehouse.json().size()).isZero();
		}
	}

	@Test
	void anIntegratorDoesNotSeeTasksItHasNoAuthorizationFor() {
		// Given: a task of the service agents, created without any authentication
		Task task = engine.getTaskService().newTask();
		task.setName("Call the customer back");
		engine.getTaskService().saveTask(task);
		engine.getTaskService().addCandidateGroup(task.getId(), OrderProcess.Groups.SERVICE_AGENTS);
		try {
			// When
			Response integrator = api.as("integrator").get("/engine-rest/task?taskId=" + task.getId());
			Response admin = api.withCredentials(adminUser, adminPassword)
				.get("/engine-rest/task?taskId=" + task.getId());

			// Then: the task exists (the administrator sees it), the integrator does not
			assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
			assertThat(ids(admin.json())).containsExactly(task.getId());
			assertThat(integrator.status()).as(integrator.toString()).isIn(200, 403);
			if (integrator.status() == 200) {
				assertThat(ids(integrator.json())).isEmpty();
			}
		}
		finally {
			engine.getTaskService().deleteTask(task.getId(), true);
		}
	}

	@Test
	void anIntegratorSeesNoUserButItself() {
		// Given: the fixture's users and the administrator exist
		assertThat(engine.getIdentityService().createUserQuery().count()).isGreaterThan(1);

		// When
		Response response = api.as("integrator").get("/engine-rest/user");

		// Then
		assertThat(response.status()).as(response.toString()).isIn(200, 403);
		if (response.status() == 200) {
			assertThat(ids(response.json())).isSubsetOf("integrator");
		}
	}

	// helpers ------------------------------------------------------------------------------------

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	/** The body of {@code POST /engine-rest/process-definition/key/OrderLifecycle/start}. */
	private static Map<String, Object> startWithOrder(String reference) {
		try {
			String order = JSON.writeValueAsString(TestOrders.valid(reference));
			return Map.of("variables", Map.of(OrderProcess.LifecycleProcess.Variables.ORDER, Map.of("value", order, "type", "Json")));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private void assertNothingStored(String reference, long lifecycleInstancesBefore) {
		assertThat(ordersWithReference(reference)).as("orders with reference %s", reference).isZero();
		assertThat(api.as("integrator").get(ORDERS + "?externalReference=" + reference).json().path("totalElements")
			.asLong()).as("orders with reference %s, as the API shows them", reference).isZero();
		assertThat(lifecycleInstances()).as("order lifecycles started, ever").isEqualTo(lifecycleInstancesBefore);
	}

	private long ordersWithReference(String reference) {
		return jdbc.sql("select count(*) from orders where external_reference = :reference")
			.param("reference", reference)
			.query(Long.class)
			.single();
	}

	/** Every order lifecycle ever started, running or ended (the tests run no job executor). */
	private long lifecycleInstances() {
		return engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey(OrderProcess.LifecycleProcess.KEY)
			.count();
	}

	private long lifecycleInstancesOf(String orderNumber) {
		return engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(orderNumber)
			.count();
	}

	private static List<String> ids(JsonNode array) {
		List<String> ids = new ArrayList<>();
		array.forEach(node -> ids.add(node.path("id").asText()));
		return ids;
	}

}
