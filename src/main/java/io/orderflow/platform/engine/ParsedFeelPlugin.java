package io.orderflow.platform.engine;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import org.springframework.stereotype.Component;

/**
 * Gives the engine's DMN engine the {@link ParsedFeelEngine}, which parses each FEEL expression of the
 * deployed decisions once instead of on every evaluation. Everything else of the DMN engine is the
 * engine's default (the engine completes the configuration after the plugins).
 */
@Component
class ParsedFeelPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
				? configuration.getDmnEngineConfiguration()
				: (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
		dmn.setFeelEngineFactory(new ParsedFeelEngine.Factory(configuration.getDmnFeelCustomFunctionProviders()));
		configuration.setDmnEngineConfiguration(dmn);
	}

}
