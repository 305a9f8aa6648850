package io.orderflow.platform;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The process engine starts only after Flyway has migrated Orderflow's tables. Otherwise, on an empty
 * database, whatever needs the engine first (the security filters do, while the web server starts)
 * lets the engine create its ACT_* tables, and Flyway then refuses the non-empty schema.
 */
public class ProcessEngineDependsOnDatabaseInitialization
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(ProcessEngine.class);
	}

}
