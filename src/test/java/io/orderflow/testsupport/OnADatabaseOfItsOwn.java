package io.orderflow.testsupport;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that starts Orderflow itself ({@link OwnApplication}), in a JVM of its own (see the pom): before each
 * test a database of its own, created empty on the local PostgreSQL server; after it the database is dropped
 * and the process engines registered before it are registered again (a stopped application unregisters its
 * own, which has the default name too).
 */
public abstract class OnADatabaseOfItsOwn {

	/** The test's database, e.g. {@code orderflow_freshinstalltest_4711}. */
	protected final String database = "orderflow_" + getClass().getSimpleName().toLowerCase() + "_"
			+ ProcessHandle.current().pid();

	private Map<String, ProcessEngine> enginesBefore;

	@BeforeEach
	void createEmptyDatabase() throws SQLException {
		OwnApplication.createEmptyDatabase(database);
		enginesBefore = new HashMap<>(ProcessEngines.getProcessEngines());
	}

	@AfterEach
	void dropDatabaseAndRestoreProcessEngines() throws SQLException {
		enginesBefore.values().forEach(ProcessEngines::registerProcessEngine);
		OwnApplication.dropDatabase(database);
	}

}
