package io.orderflow.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
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
 * A signed-in user cannot make the engine evaluate an expression through a query (docs/security.md,
 * "Expressions in queries"). Every probe is an expression that would create a table if it were ever
 * evaluated ({@code jdbcClient} is a bean the engine's expressions can reach), so "refused" means both
 * a 400 and no table. The webapps' API with a Tasklist session is in {@code WebappLoginTest}.
 */
@H2Test
class QueryExpressionGuardTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Value("${orderflow.admin.user-id}")
	String adminUser;

	@Value("${orderflow.admin.password}")
	String adminPassword;

	ApiClient api;

	String table;

	String probe;

	@BeforeEach
	void setUp() {
		ProcessEngines.registerProcessEngine(engine);
		api = ApiClient.on(port);
		table = "PWNED_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		probe = "${jdbcClient.sql('create table " + table + " (x int)').update()}";
	}

	@AfterEach
	void nothingWasEvaluated() {
		assertThat(tableExists()).as("the probe expression was evaluated: table " + table + " exists").isFalse();
	}

	@Test
	void anExpressionInsideOrQueriesIsRefusedAndNotEvaluated() {
		Response response = api.as("agent").post("/engine-rest/task", Map.of("orQueries", List.of(Map.of("assigneeExpression", probe))));

		assertRefused(response);
	}

	@ParameterizedTest
	@ValueSource(strings = { "assigneeExpression", "candidateUserExpression", "candidateGroupsExpression",
			"involvedUserExpression", "ownerExpression", "dueAfterExpression" })
	void everyExpressionCriterionOfAnOrQueryIsRefused(String criterion) {
		Response response = api.as("integrator").post("/engine-rest/task", Map.of("orQueries", List.of(Map.of(), Map.of(criterion, probe))));

		assertRefused(response);
	}

	@Test
	void countingTasksWithAnExpressionInOrQueriesIsRefused() {
		Response response = api.as("agent").post("/engine-rest/task/count", Map.of("orQueries", List.of(Map.of("assigneeExpression", probe))));

		assertRefused(response);
	}

	@Test
	void anExpressionAtTheTopLevelIsRefused() {
		Response response = api.as("agent").post("/engine-rest/task", Map.of("assigneeExpression", probe));

		assertRefused(response);
	}

	@Test
	void anExpressionInAQueryParameterIsRefused() {
		Response response = api.as("agent").get("/engine-rest/task?assigneeExpression=" + URLEncoder.encode(probe, StandardCharsets.UTF_8));

		assertRefused(response);
	}

	@Test
	void evenTheAdministratorsAdHocQueriesHoldNoExpression() {
		Response response = admin().post("/engine-rest/task", Map.of("orQueries", List.of(Map.of("assigneeExpression", "${currentUser()}"))));

		assertRefused(response);
	}

	@Test
	void anExpressionInTheQueryThatExtendsAFilterIsRefused() {
		// Given: a filter the agent may read (Orderflow's own, see TaskFilterSetup)
		String filterId = filterNamed("Cancellations to review").getId();

		// When
		Response list = api.as("agent").post("/engine-rest/filter/" + filterId + "/list", Map.of("orQueries", List.of(Map.of("assigneeExpression", probe))));
		Response count = api.as("agent").post("/engine-rest/filter/" + filterId + "/count", Map.of("assigneeExpression", probe));

		// Then
		assertRefused(list);
		assertRefused(count);
	}

	@Test
	void aJavaAdHocQueryWithAnExpressionInOrQueriesIsRefusedToo() {
		TaskQuery query = engine.getTaskService().createTaskQuery().or().taskAssigneeExpression(probe).endOr();

		assertThatThrownBy(query::list).isInstanceOf(BadUserRequestException.class).hasMessageContaining("orQueries");
	}

	@Test
	void anAgentMayNotCreateAFilter() {
		Response response = api.as("agent").post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "Mine", "query", Map.of()));

		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(engine.getFilterService().createTaskFilterQuery().filterName("Mine").count()).isZero();
	}

	@Test
	void anAgentMayNotChangeTheFilterItReads() {
		// Given
		Filter filter = filterNamed("Cancellations to review");

		// When
		Response response = api.as("agent").put("/engine-rest/filter/" + filter.getId(),
				Map.of("resourceType", "Task", "name", filter.getName(), "query", Map.of("assigneeExpression", "${currentUser()}")));

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(filterNamed("Cancellations to review").<AbstractQuery<?, ?>>getQuery().getExpressions()).isEmpty();
	}

	@Test
	void anAdministratorCannotSaveAFilterWithAnExpressionTasklistDoesNotNeed() {
		Response response = admin().post("/engine-rest/filter/create",
				Map.of("resourceType", "Task", "name", "Probe " + table, "query", Map.of("orQueries", List.of(Map.of("assigneeExpression", probe)))));

		assertRefused(response);
		assertThat(engine.getFilterService().createTaskFilterQuery().filterName("Probe " + table).count()).isZero();
	}

	@Test
	void aFilterKeepsTheExpressionsTasklistOffersAndTheyWork() {
		// Given: a filter "my tasks due from the start of today", saved by an administrator
		Response created = admin().post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "Mine " + table,
				"query", Map.of("assigneeExpression", "${currentUser()}", "dueAfterExpression", "${dateTime().minusDays(1).withTimeAtStartOfDay().toDate()}")));
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String filterId = created.json().path("id").asText();
		grantRead("agent", filterId);
		Task task = engine.getTaskService().newTask();
		task.setAssignee("agent");
		task.setDueDate(new java.util.Date());
		engine.getTaskService().saveTask(task);
		try {
			// When: the agent runs it
			Response listed = api.as("agent").post("/engine-rest/filter/" + filterId + "/list", Map.of());

			// Then: ${currentUser()} was the agent
			assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
			assertThat(listed.json().findValuesAsText("id")).containsExactly(task.getId());
		}
		finally {
			engine.getTaskService().deleteTask(task.getId(), true);
			engine.getFilterService().deleteFilter(filterId);
		}
	}

	@Test
	void aFilterStoredBeforeTheGuardWithAForbiddenExpressionIsRefusedWhenRun() {
		// Given: a filter saved by an older Orderflow, straight in the engine's table, readable by the agent
		String filterId = UUID.randomUUID().toString();
		jdbc.sql("insert into ACT_RU_FILTER (ID_, REV_, RESOURCE_TYPE_, NAME_, OWNER_, QUERY_, PROPERTIES_) values (:id, 1, 'Task', :name, null, :query, '{}')")
			.param("id", filterId)
			.param("name", "Old " + table)
			.param("query", new JsonTaskQueryConverter()
				.toJsonObject(engine.getTaskService().createTaskQuery().or().taskAssigneeExpression(probe).endOr())
				.toString())
			.update();
		grantRead("agent", filterId);
		try {
			// When
			Response listed = api.as("agent").post("/engine-rest/filter/" + filterId + "/list", Map.of());

			// Then
			assertThat(listed.status()).as(listed.toString()).isEqualTo(400);
		}
		finally {
			engine.getFilterService().deleteFilter(filterId);
		}
	}

	private void assertRefused(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Unable to resolve expression");
	}

	private ApiClient admin() {
		return api.withCredentials(adminUser, adminPassword);
	}

	private Filter filterNamed(String name) {
		return engine.getFilterService().createTaskFilterQuery().filterName(name).singleResult();
	}

	private void grantRead(String userId, String filterId) {
		Authorization authorization = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
		authorization.setUserId(userId);
		authorization.setResource(Resources.FILTER);
		authorization.setResourceId(filterId);
		authorization.addPermission(Permissions.READ);
		engine.getAuthorizationService().saveAuthorization(authorization);
	}

	private boolean tableExists() {
		return jdbc.sql("select count(*) from INFORMATION_SCHEMA.TABLES where upper(TABLE_NAME) = :name")
			.param("name", table)
			.query(Long.class)
			.single() > 0;
	}

}
