package io.orderflow.platform.identity;

import static io.orderflow.OrderProcess.Groups.ADMINS;
import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.INTEGRATORS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;
import static io.orderflow.OrderProcess.Groups.WAREHOUSE;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The groups Orderflow's work is divided by, what each may do in the engine, and the administrator.
 * Runs on every start and on every node; creates only what is missing, so that it is safe to repeat
 * and safe when two nodes start at once.
 */
@Component
@Order(0)
class IdentitySetup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

	static final Map<String, String> GROUPS = Map.of(INTEGRATORS, "Integrators (REST API clients)", SERVICE_AGENTS,
			"Service agents", SUPERVISORS, "Supervisors", FRAUD_ANALYSTS, "Fraud analysts", WAREHOUSE, "Warehouse staff",
			ADMINS, "Camunda administrators");

	private static final List<String> TASK_WORKERS = List.of(SERVICE_AGENTS, SUPERVISORS, FRAUD_ANALYSTS, WAREHOUSE);

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	private final AdminProperties admin;

	IdentitySetup(IdentityService identityService, AuthorizationService authorizationService, AdminProperties admin) {
		this.identityService = identityService;
		this.authorizationService = authorizationService;
		this.admin = admin;
	}

	@Override
	public void run(ApplicationArguments args) {
		GROUPS.forEach(this::ensureGroup);
		for (Resource resource : Resources.values()) {
			grant(ADMINS, resource, ANY, Permissions.ALL);
		}
		// integrators start lifecycles and read the ones they started (the engine grants that per instance,
		// see platform/engine/StartersReadTheirInstances), never every instance's customers and addresses
		grant(INTEGRATORS, Resources.PROCESS_DEFINITION, OrderProcess.LifecycleProcess.KEY, Permissions.READ,
				ProcessDefinitionPermissions.CREATE_INSTANCE);
		grant(INTEGRATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
		// returns, cancellations, reshipments, exchanges, address changes: service agents start them from Tasklist
		for (String key : List.of(OrderProcess.ReturnProcess.KEY, OrderProcess.CancellationProcess.KEY,
				OrderProcess.ReshipmentProcess.KEY, OrderProcess.ExchangeProcess.KEY, io.orderflow.AddressChangeProcess.KEY)) {
			grant(SERVICE_AGENTS, Resources.PROCESS_DEFINITION, key, Permissions.READ,
					ProcessDefinitionPermissions.CREATE_INSTANCE);
		}
		grant(SERVICE_AGENTS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
		// --- Adjustments and holds: agents and supervisors start OrderAdjustment and OrderHold from Tasklist ---
		for (String group : List.of(OrderProcess.Groups.SERVICE_AGENTS, OrderProcess.Groups.SUPERVISORS)) {
			for (String key : List.of(OrderProcess.AdjustmentProcess.KEY, OrderProcess.HoldProcess.KEY)) {
				grant(group, Resources.PROCESS_DEFINITION, key, Permissions.READ,
						ProcessDefinitionPermissions.CREATE_INSTANCE);
			}
			grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
		}
		for (String group : TASK_WORKERS) {
			grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
			grant(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
		}
		ensureAdmin();
	}

	private void ensureGroup(String id, String name) {
		if (identityService.createGroupQuery().groupId(id).count() > 0) {
			return;
		}
		Group group = identityService.newGroup(id);
		group.setName(name);
		group.setType(ADMINS.equals(id) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
		identityService.saveGroup(group);
		log.info("Created group {}", id);
	}

	/**
	 * Makes the group's authorization on the resource grant exactly these permissions: created where
	 * missing, narrowed or widened where an earlier version of Orderflow granted something else.
	 */
	private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
		int wanted = 0;
		for (Permission permission : permissions) {
			wanted |= permission.getValue();
		}
		List<Authorization> existing = authorizationService.createAuthorizationQuery()
			.groupIdIn(group)
			.resourceType(resource)
			.resourceId(resourceId)
			.authorizationType(AUTH_TYPE_GRANT)
			.list();
		if (existing.isEmpty()) {
			Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
			authorization.setGroupId(group);
			authorization.setResource(resource);
			authorization.setResourceId(resourceId);
			authorization.setPermissions(permissions);
			authorizationService.saveAuthorization(authorization);
			return;
		}
		for (Authorization authorization : existing) {
			if (authorization instanceof AuthorizationEntity entity && entity.getPermissions() != wanted) {
				authorization.setPermissions(permissions);
				authorizationService.saveAuthorization(authorization);
				log.info("Authorization of {} on {} {} changed to {}", group, resource.resourceName(), resourceId,
						List.of(permissions));
			}
		}
	}

	private void ensureAdmin() {
		if (identityService.createUserQuery().userId(admin.userId()).count() == 0) {
			User user = identityService.newUser(admin.userId());
			user.setFirstName("Orderflow");
			user.setLastName("Administrator");
			user.setPassword(admin.password());
			identityService.saveUser(user);
			log.info("Created administrator {}", admin.userId());
		}
		if (identityService.createUserQuery().userId(admin.userId()).memberOfGroup(ADMINS).count() == 0) {
			identityService.createMembership(admin.userId(), ADMINS);
		}
	}

}
