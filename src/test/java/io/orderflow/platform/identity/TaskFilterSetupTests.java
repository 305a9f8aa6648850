package io.orderflow.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import io.orderflow.testsupport.H2Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tasklist filters created on startup: there once each, however often the setup runs, and each
 * visible only to the group that works its tasks.
 */
@H2Test
class TaskFilterSetupTests {

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
			.containsExactlyInAnyOrder("Cancellations to review", "Backorders to resolve", "Returns to review");
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

	static List<String> names(List<Filter> filters) {
		return filters.stream().map(Filter::getName).toList();
	}

}
