package io.orderflow.platform.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
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
		AuthorizationEntity runtime = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
		runtime.setUserId(userId);
		runtime.setResource(Resources.PROCESS_INSTANCE);
		runtime.setResourceId(processInstance.getId());
		runtime.addPermission(Permissions.READ);
		grants.add(runtime);
		if (Context.getProcessEngineConfiguration().isEnableHistoricInstancePermissions()) {
			AuthorizationEntity history = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
			history.setUserId(userId);
			history.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
			history.setResourceId(processInstance.getId());
			history.addPermission(HistoricProcessInstancePermissions.READ);
			grants.add(history);
		}
		return grants.toArray(AuthorizationEntity[]::new);
	}

}
