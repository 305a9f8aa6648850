package io.orderflow.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.testsupport.OwnApplication;
import io.orderflow.testsupport.TestFixture;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The production profile ({@code postgres}) has no default admin password: without
 * {@code ORDERFLOW_ADMIN_PASSWORD} in the environment Orderflow refuses to start and says what is
 * missing; with it, the administrator gets that password, and nothing of the demo (users, catalog,
 * stock) is created.
 *
 * <p>
 * Starts Orderflow itself, the way it runs in production, with an environment of its own: the real
 * one without any {@code ORDERFLOW_...} or {@code SPRING_...} variable, plus the database settings and,
 * where a test says so, the admin password. The database is one of its own, on the local PostgreSQL
 * server, created empty for each test, so that nothing here touches the database of the other
 * PostgreSQL tests.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminPasswordTest {

	private static final String DATABASE = "orderflow_admin_password_test_" + ProcessHandle.current().pid();

	private static final String ADMIN_PASSWORD = "ORDERFLOW_ADMIN_PASSWORD";

	/** Process engines registered in this JVM by other tests' contexts, restored after each test. */
	private Map<String, ProcessEngine> enginesBefore;

	@BeforeEach
	void createEmptyDatabase() throws SQLException {
		OwnApplication.createEmptyDatabase(DATABASE);
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		OwnApplication.dropDatabase(DATABASE);
	}

	@BeforeEach
	void rememberProcessEngines() {
		enginesBefore = new HashMap<>(ProcessEngines.getProcessEngines());
	}

	@AfterEach
	void restoreProcessEngines() {
		// the engine started here registered and unregistered itself under the name "default", which
		// a cached test context's /engine-rest may rely on
		enginesBefore.values().forEach(ProcessEngines::registerProcessEngine);
	}

	@ParameterizedTest(name = "ORDERFLOW_ADMIN_PASSWORD = [{0}]")
	@NullSource
	@ValueSource(strings = { "", "   " })
	void withoutAnAdminPasswordThePostgresProfileRefusesToStartAndNamesTheVariable(String password,
			CapturedOutput output) {
		// Given: no password (null: the variable is absent), an empty or a blank one
		Map<String, Object> environment = OwnApplication.productionEnvironment(DATABASE);
		if (password != null) {
			environment.put(ADMIN_PASSWORD, password);
		}

		// When
		Throwable failure = catchThrowable(() -> {
			try (ConfigurableApplicationContext unexpected = OwnApplication.start(environment, "postgres")) {
				// started after all: closed again at once, the assertions below fail
			}
		});

		// Then: the failure names the variable, in the exception and in the report an operator reads
		assertThat(failure).as("startup without an admin password").isNotNull();
		assertThat(messages(failure)).as("messages of the failure and its causes")
			.anySatisfy(message -> assertThat(message).contains(ADMIN_PASSWORD));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(ADMIN_PASSWORD);
	}

	@ParameterizedTest(name = "profiles {0}")
	@ValueSource(strings = { "postgres,demo", "demo,postgres" })
	void theDemoProfileGivesThePostgresProfileNoDefaultAdminPassword(String profiles) {
		// Given: the demo profile added to production, and no ORDERFLOW_ADMIN_PASSWORD
		Map<String, Object> environment = OwnApplication.productionEnvironment(DATABASE);

		// When
		Throwable failure = catchThrowable(() -> {
			try (ConfigurableApplicationContext unexpected = OwnApplication.start(environment, profiles.split(","))) {
				// started, with the demo's admin password: closed again at once, the assertions below fail
			}
		});

		// Then
		assertThat(failure).as("startup without an admin password, profiles %s", profiles).isNotNull();
		assertThat(messages(failure)).as("messages of the failure and its causes")
			.anySatisfy(message -> assertThat(message).contains(ADMIN_PASSWORD));
	}

	@Test
	void thePostgresProfileCreatesTheAdministratorFromTheEnvironmentAndNoDemoData() {
		// Given
		Map<String, Object> environment = OwnApplication.productionEnvironment(DATABASE);
		environment.put(ADMIN_PASSWORD, "from-the-environment");

		// When
		try (ConfigurableApplicationContext orderflow = OwnApplication.start(environment, "postgres")) {

			// Then: the production profile only, without the demo and without the test fixture
			assertThat(orderflow.getEnvironment().getActiveProfiles()).containsExactly("postgres");
			assertThat(orderflow.containsBean("demoData")).as("DemoData loaded").isFalse();
			assertThat(orderflow.getBeanNamesForType(TestFixture.class)).as("TestFixture loaded").isEmpty();

			// the administrator is the only user, with the password from the environment
			IdentityService identity = orderflow.getBean(IdentityService.class);
			assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("admin");
			assertThat(identity.createUserQuery().userId("agent").count()).as("demo user agent").isZero();
			assertThat(identity.checkPassword("admin", "from-the-environment")).isTrue();
			assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting(User::getId)
				.containsExactly("admin");

			// no demo catalog, locations or stock
			JdbcClient jdbc = orderflow.getBean(JdbcClient.class);
			assertThat(count(jdbc, "product")).as("products").isZero();
			assertThat(count(jdbc, "location")).as("locations").isZero();
			assertThat(count(jdbc, "stock")).as("stock").isZero();
		}
	}

	@Test
	void withoutAProfileOrderflowRunsTheDemoWithItsAdministrator() {
		// Given: the README's first command, on an in-memory database instead of ./data
		Map<String, Object> environment = OwnApplication.productionEnvironment(DATABASE);
		environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:orderflow-demo-" + UUID.randomUUID());

		// When
		try (ConfigurableApplicationContext orderflow = OwnApplication.start(environment)) {

			// Then
			assertThat(orderflow.getEnvironment().getActiveProfiles()).isEmpty();
			assertThat(orderflow.getEnvironment().getDefaultProfiles()).containsExactly("demo");
			IdentityService identity = orderflow.getBean(IdentityService.class);
			assertThat(identity.checkPassword("demo", "demo")).as("demo administrator").isTrue();
			assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting(User::getId)
				.containsExactly("demo");
			assertThat(identity.checkPassword("agent", "agent")).as("demo user agent").isTrue();
			assertThat(count(orderflow.getBean(JdbcClient.class), "product")).as("demo products").isPositive();
		}
	}

	private static List<String> messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
