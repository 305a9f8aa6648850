package io.orderflow.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.OrderflowApplication;
import io.orderflow.testsupport.PostgresTestDatabase;
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

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
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
		execute("drop database if exists " + DATABASE + " with (force)", "create database " + DATABASE);
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		execute("drop database if exists " + DATABASE + " with (force)");
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
		Map<String, Object> environment = productionEnvironment();
		if (password != null) {
			environment.put(ADMIN_PASSWORD, password);
		}

		// When
		Throwable failure = catchThrowable(() -> {
			try (ConfigurableApplicationContext unexpected = orderflow(environment, "postgres")) {
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
		Map<String, Object> environment = productionEnvironment();

		// When
		Throwable failure = catchThrowable(() -> {
			try (ConfigurableApplicationContext unexpected = orderflow(environment, profiles.split(","))) {
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
		Map<String, Object> environment = productionEnvironment();
		environment.put(ADMIN_PASSWORD, "from-the-environment");

		// When
		try (ConfigurableApplicationContext orderflow = orderflow(environment, "postgres")) {

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
		Map<String, Object> environment = productionEnvironment();
		environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:orderflow-demo-" + UUID.randomUUID());

		// When
		try (ConfigurableApplicationContext orderflow = orderflow(environment)) {

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

	/** The real environment without Orderflow's or Spring's variables, plus the test database. */
	private static Map<String, Object> productionEnvironment() {
		Map<String, Object> environment = new HashMap<>(System.getenv());
		environment.keySet().removeIf(name -> name.startsWith("ORDERFLOW_") || name.startsWith("SPRING_"));
		environment.put("ORDERFLOW_DB_URL", "jdbc:postgresql://" + PostgresTestDatabase.HOST + "/" + DATABASE);
		environment.put("ORDERFLOW_DB_USER", "postgres");
		return environment;
	}

	/** Starts Orderflow with the given profiles and environment, and none of the test classes. */
	private static ConfigurableApplicationContext orderflow(Map<String, Object> variables, String... profiles) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return new SpringApplicationBuilder(OrderflowApplication.class).environment(environment)
			.profiles(profiles)
			.initializers(context -> context.getBeanFactory()
				.registerSingleton(ExcludeTestClasses.class.getName(), new ExcludeTestClasses()))
			.run("--server.port=0");
	}

	/**
	 * Keeps the component scan out of the test classes (such as {@link TestFixture}), which share the
	 * classpath and the package with the application here.
	 */
	static class ExcludeTestClasses extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURL().toString().contains("/test-classes/");
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ExcludeTestClasses;
		}

		@Override
		public int hashCode() {
			return ExcludeTestClasses.class.hashCode();
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

	private static void execute(String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + PostgresTestDatabase.HOST + "/postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
