package io.orderflow.platform.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Closes, inside the engine, what Camunda 7 Community Edition leaves open (docs/security.md): every
 * query is checked for expressions before it runs and once more when one is evaluated, a user's start,
 * modification, restart or migration goes only through the documented entry, and whoever
 * starts an instance may read that one instead of all of them. In the engine, not in front of one of
 * its APIs, so that {@code /engine-rest}, the webapps' own engine API and Java calls are all covered.
 */
@Component
class EngineSecurityPlugin extends AbstractProcessEnginePlugin {

	private final ApplicationContext applicationContext;

	EngineSecurityPlugin(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setExpressionManager(new GuardedExpressionManager(applicationContext, configuration.getBeans()));
		// one interceptor per chain: an interceptor holds the next one of its chain
		configuration.setCustomPostCommandInterceptorsTxRequired(with(
				configuration.getCustomPostCommandInterceptorsTxRequired(), new QueryExpressionInterceptor(),
				new UserCommandGuard()));
		configuration.setCustomPostCommandInterceptorsTxRequiresNew(with(
				configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new QueryExpressionInterceptor(),
				new UserCommandGuard()));
		configuration.setEnableHistoricInstancePermissions(true);
		configuration.setResourceAuthorizationProvider(new StartersReadTheirInstances());
	}

	private static List<CommandInterceptor> with(List<CommandInterceptor> interceptors, CommandInterceptor... added) {
		List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
		all.addAll(List.of(added));
		return all;
	}

}
