package io.orderflow.platform.identity;

import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;
import static io.orderflow.OrderProcess.Groups.WAREHOUSE;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_RESOLVE_BACKORDER;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_REVIEW_RISK;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_INSPECT_RETURN;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess.ExchangeProcess;
import io.orderflow.OrderProcess.FulfillmentOrderProcess;
import io.orderflow.OrderProcess.LifecycleProcess;
import io.orderflow.PaymentRefusalProcess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters, one per kind of work, each visible only to the group that does that work. Runs on
 * every start and on every node after {@link IdentitySetup}; creates only what is missing (by name),
 * and if two nodes starting at once both created one, both keep the same one (the lowest id) and delete
 * the other.
 */
@Component
@Order(1)
class TaskFilterSetup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TaskFilterSetup.class);

	/**
	 * A filter: its name, the user tasks it lists (by task key, or every task of the processes named, or both),
	 * the group that works them and sees it, its place in Tasklist.
	 */
	record TaskFilter(String name, List<String> taskDefinitionKeys, List<String> processDefinitionKeys, String group,
			int priority, String description) {

		TaskFilter {
			taskDefinitionKeys = List.copyOf(taskDefinitionKeys);
			processDefinitionKeys = List.copyOf(processDefinitionKeys);
			if (taskDefinitionKeys.isEmpty() && processDefinitionKeys.isEmpty()) {
				throw new IllegalArgumentException("Filter " + name + " names no task and no process");
			}
		}

		/** A filter of one user task. */
		TaskFilter(String name, String taskDefinitionKey, String group, int priority, String description) {
			this(name, List.of(taskDefinitionKey), List.of(), group, priority, description);
		}

	}

	static final List<TaskFilter> FILTERS = List.of(
			new TaskFilter("Cancellations to review", USER_TASK_REVIEW_CANCELLATION, SERVICE_AGENTS, 10,
					"Cancellations of released units the policy does not approve by itself"),
			new TaskFilter("Backorders to resolve", USER_TASK_RESOLVE_BACKORDER, SERVICE_AGENTS, 20,
					"Orders whose units could not be allocated: keep waiting or cancel"),
			// delivery exceptions
			new TaskFilter("Failed deliveries", FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY,
					SERVICE_AGENTS, 22, "Parcels the carrier could not deliver: redeliver, reship or refund"),
			new TaskFilter("Late fulfillment", FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_FULFILLMENT,
					SERVICE_AGENTS, 24, "Fulfillment orders a location has not shipped in time: keep waiting or re-route"),
			new TaskFilter("Late delivery", FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_DELIVERY,
					SERVICE_AGENTS, 26, "Parcels the carrier has not delivered in time: keep waiting or reship"),
			new TaskFilter("Parcels not returned",
					FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_PARCEL_NOT_RETURNED, SERVICE_AGENTS, 27,
					"Parcels awaited back for a refund that did not come back in time: refund anyway or keep waiting"),
			new TaskFilter("Risk reviews", USER_TASK_REVIEW_RISK, FRAUD_ANALYSTS, 30,
					"Orders the risk check holds for a fraud analyst"),
			// returns
			new TaskFilter("Returns to review", USER_TASK_REVIEW_RETURN, SERVICE_AGENTS, 40,
					"Eligible returns waiting for a service agent's approval"),
			new TaskFilter("Returns to inspect", USER_TASK_INSPECT_RETURN, WAREHOUSE, 50,
					"Returned goods that arrived without a report of their condition"),
			// exchanges
			new TaskFilter("Exchanges not returned", ExchangeProcess.Elements.USER_TASK_SETTLE_UNRETURNED_UNITS,
					SERVICE_AGENTS, 55, "Exchanges whose units did not come back in time while the replacement had shipped"),
			// --- Adjustments ---
			new TaskFilter("Appeasements to approve", USER_TASK_APPROVE_APPEASEMENT, SUPERVISORS, 60,
					"Adjustments above the approval threshold; the requester cannot approve their own"),
			new TaskFilter("Refused payments", PaymentRefusalProcess.Elements.USER_TASK_SETTLE_REFUSED_PAYMENT,
					SUPERVISORS, 65, "Captures and refunds the payment provider refused afterwards: settle or write off"),
			// every service-agents task in an order's own flow (backorders, delivery exceptions), also those added later
			new TaskFilter("Order exceptions", List.of(), List.of(LifecycleProcess.KEY, FulfillmentOrderProcess.KEY), SERVICE_AGENTS,
					70, "Everything in orders' lifecycles and fulfillment orders that waits for a service agent"));

	private final FilterService filterService;

	private final TaskService taskService;

	private final AuthorizationService authorizationService;

	TaskFilterSetup(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
		this.filterService = filterService;
		this.taskService = taskService;
		this.authorizationService = authorizationService;
	}

	@Override
	public void run(ApplicationArguments args) {
		FILTERS.forEach(this::ensure);
	}

	private void ensure(TaskFilter definition) {
		if (existing(definition).isEmpty()) {
			Filter filter = filterService.newTaskFilter(definition.name());
			filter.setQuery(query(definition));
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("description", definition.description());
			properties.put("priority", definition.priority());
			properties.put("refresh", true);
			properties.put("variables", List.of(Map.of("name", "orderNumber", "label", "Order")));
			filter.setProperties(properties);
			filterService.saveFilter(filter);
			log.info("Created task filter \"{}\" for {}", definition.name(), definition.group());
		}
		List<Filter> filters = existing(definition);
		// two nodes starting at once may both have created one: all keep the lowest id
		for (Filter duplicate : filters.subList(1, filters.size())) {
			try {
				filterService.deleteFilter(duplicate.getId());
			}
			catch (RuntimeException alreadyGone) {
				log.debug("Duplicate filter {} already deleted", duplicate.getId());
			}
		}
		grantRead(definition.group(), filters.get(0).getId());
	}

	private TaskQuery query(TaskFilter definition) {
		TaskQuery query = taskService.createTaskQuery();
		if (definition.taskDefinitionKeys().size() == 1) {
			query.taskDefinitionKey(definition.taskDefinitionKeys().get(0));
		}
		else if (!definition.taskDefinitionKeys().isEmpty()) {
			query.taskDefinitionKeyIn(definition.taskDefinitionKeys().toArray(String[]::new));
		}
		if (!definition.processDefinitionKeys().isEmpty()) {
			query.processDefinitionKeyIn(definition.processDefinitionKeys().toArray(String[]::new));
		}
		return query.taskCandidateGroup(definition.group()).includeAssignedTasks();
	}

	private List<Filter> existing(TaskFilter definition) {
		return filterService.createTaskFilterQuery().filterName(definition.name()).orderByFilterId().asc().list();
	}

	private void grantRead(String group, String filterId) {
		boolean exists = authorizationService.createAuthorizationQuery()
			.groupIdIn(group)
			.resourceType(Resources.FILTER)
			.resourceId(filterId)
			.count() > 0;
		if (exists) {
			return;
		}
		Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
		authorization.setGroupId(group);
		authorization.setResource(Resources.FILTER);
		authorization.setResourceId(filterId);
		authorization.addPermission(Permissions.READ);
		authorizationService.saveAuthorization(authorization);
	}

}
