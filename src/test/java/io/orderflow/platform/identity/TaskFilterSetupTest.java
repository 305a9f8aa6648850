package io.orderflow.platform.identity;

import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_RESOLVE_BACKORDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderProcess;
import io.orderflow.capture.CaptureService;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Tasklist filters created on startup: there once each, however often the setup runs, and each
 * visible only to the group that works its tasks.
 */
@H2Test
class TaskFilterSetupTest {

	static final List<String> NAMES = TaskFilterSetup.FILTERS.stream().map(TaskFilterSetup.TaskFilter::name).toList();

	@Autowired
	TaskFilterSetup setup;

	@Autowired
	FilterService filterService;

	@Autowired
	TaskService taskService;

	@Autowired
	IdentityService identityService;

	@Autowired
	AuthorizationService authorizationService;

	@Autowired
	ProcessEngine engine;

	@Autowired
	CaptureService capture;

	@Autowired
	Inventory inventory;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void signOut() {
		identityService.clearAuthentication();
	}

	@Test
	void eachFilterExistsOnceAfterStartupAndAgainAfterAnotherStart() {
		assertThat(names(filterService.createTaskFilterQuery().list())).containsAll(NAMES);
		long filters = filterService.createFilterQuery().count();
		long filterAuthorizations = authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).count();

		// When: another start (or another node) runs the setup again
		setup.run(null);

		// Then: nothing new
		for (String name : NAMES) {
			assertThat(filterService.createTaskFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
		}
		assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
		assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).count())
			.isEqualTo(filterAuthorizations);
	}

	@Test
	void aDuplicateCreatedByAnotherNodeAtTheSameTimeIsRemoved() {
		// Given: another node created the same filter at the same moment
		Filter duplicate = filterService.newTaskFilter("Risk reviews");
		duplicate.setQuery(taskService.createTaskQuery().taskDefinitionKey("UserTask_ReviewRisk"));
		filterService.saveFilter(duplicate);
		assertThat(filterService.createTaskFilterQuery().filterName("Risk reviews").count()).isEqualTo(2);

		// When
		setup.run(null);

		// Then: one is left, readable by its group
		assertThat(filterService.createTaskFilterQuery().filterName("Risk reviews").count()).isEqualTo(1);
		identityService.setAuthentication("analyst", List.of("fraud-analysts"));
		assertThat(names(filterService.createTaskFilterQuery().list())).containsOnlyOnce("Risk reviews");
	}

	@Test
	void aServiceAgentSeesOnlyTheFiltersOfServiceAgents() {
		identityService.setAuthentication("agent", List.of("service-agents"));

		assertThat(names(filterService.createTaskFilterQuery().list()))
			.containsExactlyInAnyOrder("Cancellations to review", "Backorders to resolve", "Failed deliveries",
					"Late fulfillment", "Late delivery", "Parcels not returned", "Returns to review", "Exchanges not returned",
					"Order exceptions");
	}

	@Test
	void aFraudAnalystSeesOnlyRiskReviews() {
		identityService.setAuthentication("analyst", List.of("fraud-analysts"));

		assertThat(names(filterService.createTaskFilterQuery().list())).containsExactly("Risk reviews");
	}

	@Test
	void warehouseStaffSeeOnlyReturnsToInspect() {
		identityService.setAuthentication("warehouse", List.of("warehouse"));

		assertThat(names(filterService.createTaskFilterQuery().list())).containsExactly("Returns to inspect");
	}

	@Test
	void eachFilterListsItsTaskForItsGroupAndDescribesItselfForTasklist() {
		Filter cancellations = filterService.createTaskFilterQuery().filterName("Cancellations to review").singleResult();

		assertThat(cancellations.getProperties()).containsEntry("refresh", true)
			.containsKeys("description", "priority");
		assertThat(cancellations.getResourceType()).isEqualTo("Task");
	}

	@Test
	void orderExceptionsListTheServiceAgentsTasksOfAnOrdersOwnFlow() throws Exception {
		// Given an order with a line no location has: backordered, with a task for service agents
		Jobs.discardLeftovers(engine);
		String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		String a = "FLT-" + run + "-A";
		String b = "FLT-" + run + "-B";
		inventory.saveProduct(new Product(a, "Filter product A", true));
		inventory.saveProduct(new Product(b, "Filter product B", true));
		String berlin = "FLT-" + run + "-BER";
		inventory.saveLocation(new Location(berlin, "Filter location", LocationType.WAREHOUSE, 1, "DE", null, null, true));
		inventory.setOnHand(berlin, a, 5);
		Map<String, Object> submitted = TestOrders.valid();
		submitted.put("lines", new ArrayList<>(List.of(TestOrders.orderLine(a, 1, "10.00"), TestOrders.orderLine(b, 2, "5.00"))));
		Order order = capture.submit(TestOrders.submission(submitted), null, "integrator").order();
		Jobs.runDue(engine);
		Task backorder = taskService.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(USER_TASK_RESOLVE_BACKORDER)
			.singleResult();
		assertThat(backorder).isNotNull();
		Filter exceptions = filterService.createTaskFilterQuery().filterName("Order exceptions").singleResult();

		// When a service agent opens "Order exceptions", Then the backorder is there
		identityService.setAuthentication("agent", List.of(OrderProcess.Groups.SERVICE_AGENTS));
		List<Task> listed = filterService.list(exceptions.getId());
		assertThat(listed).extracting(Task::getId).contains(backorder.getId());
		// and it lists only service agents' tasks of OrderLifecycle and FulfillmentOrder
		assertThat(listed).allSatisfy(task -> assertThat(engine.getRepositoryService()
			.getProcessDefinition(task.getProcessDefinitionId())
			.getKey()).isIn(OrderProcess.LifecycleProcess.KEY, OrderProcess.FulfillmentOrderProcess.KEY));

		// And others do not see the filter
		identityService.setAuthentication("warehouse", List.of(OrderProcess.Groups.WAREHOUSE));
		assertThat(names(filterService.createTaskFilterQuery().list())).doesNotContain("Order exceptions");
		identityService.clearAuthentication();
		Invariants.assertHold(jdbc, engine);
	}

	static List<String> names(List<Filter> filters) {
		return filters.stream().map(Filter::getName).toList();
	}

}
