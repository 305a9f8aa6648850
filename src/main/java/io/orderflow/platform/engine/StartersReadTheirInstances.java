package io.orderflow.platform.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The engine's default authorizations, plus one: whoever starts a process instance over the APIs may
 * read that instance and its history, and nothing else of anyone's. An integrator follows the
 * lifecycles it started through {@code /engine-rest} (the order's validation errors, where it waits)
 * without the right to read every process instance's variables — customers' names, e-mail addresses
 * and addresses. Instances Orderflow starts itself ({@code POST /api/orders}, with no user handed to
 * the engine) get no such authorization: they are followed through {@code /api}.
 */
class StartersReadTheirInstances extends DefaultAuthorizationProvider {

	@Override
	public AuthorizationEntity[] newProcessInstance(ProcessInstance processInstance) {
		String userId = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
		if (userId == null) {
			return null;
		}
		List<AuthorizationEntity> grants = new ArrayList<>();
		grants.add(read(userId, Resources.PROCESS_INSTANCE, processInstance.getId(), Permissions.READ));
		if (Context.getProcessEngineConfiguration().isEnableHistoricInstancePermissions()) {
			grants.add(read(userId, Resources.HISTORIC_PROCESS_INSTANCE, processInstance.getId(),
					HistoricProcessInstancePermissions.READ));
		}
		return grants.toArray(AuthorizationEntity[]::new);
	}

	private static AuthorizationEntity read(String userId, Resource resource, String resourceId, Permission read) {
		AuthorizationEntity grant = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
		grant.setUserId(userId);
		grant.setResource(resource);
		grant.setResourceId(resourceId);
		grant.addPermission(read);
		return grant;
	}

}
