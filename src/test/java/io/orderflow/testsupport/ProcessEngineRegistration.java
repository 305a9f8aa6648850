package io.orderflow.testsupport;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Tests run several Spring contexts in one JVM (H2, PostgreSQL, ...), each with a process engine named
 * "default". Camunda's webapps and {@code /engine-rest} look the engine up by name in a JVM-wide
 * registry, where the context started last would win. Before every test this registers the test's own
 * engine there (and for camunda-bpm-assert), so that each test talks to its own database.
 * Registered for all tests in {@code META-INF/spring.factories}.
 */
public class ProcessEngineRegistration implements TestExecutionListener, Ordered {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).ifAvailable(engine -> {
			ProcessEngines.registerProcessEngine(engine);
			BpmnAwareTests.init(engine);
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
