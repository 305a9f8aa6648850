package io.orderflow.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderflowApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Orderflow started the way it runs in production, by a test that runs in a JVM of its own: an environment of
 * its own (the real one without any {@code ORDERFLOW_...} or {@code SPRING_...} variable, plus the database
 * settings), a database of its own on the local PostgreSQL server, and none of the test classes.
 */
public final class OwnApplication {

	/** Allows the sandbox payment gateway where the production profile refuses it. */
	public static final String SANDBOX_PAYMENTS = "ORDERFLOW_PAYMENT_ALLOW_SANDBOX";

	/** Allows the sandbox carrier where the production profile refuses it. */
	public static final String SANDBOX_CARRIER = "ORDERFLOW_DELIVERY_ALLOW_SANDBOX";

	private OwnApplication() {
	}

	/**
	 * The real environment without Orderflow's or Spring's variables, plus the database {@code database} and the
	 * sandboxes allowed.
	 */
	public static Map<String, Object> productionEnvironment(String database) {
		Map<String, Object> environment = new HashMap<>(System.getenv());
		environment.keySet().removeIf(name -> name.startsWith("ORDERFLOW_") || name.startsWith("SPRING_"));
		environment.put("ORDERFLOW_DB_URL", "jdbc:postgresql://" + PostgresTestDatabase.HOST + "/" + database);
		environment.put("ORDERFLOW_DB_USER", "postgres");
		// a staging system: the sandbox gateway and carrier, allowed explicitly
		environment.put(SANDBOX_PAYMENTS, "true");
		environment.put(SANDBOX_CARRIER, "true");
		return environment;
	}

	/** Starts Orderflow on a free port with the given profiles and environment, and none of the test classes. */
	public static ConfigurableApplicationContext start(Map<String, Object> variables, String... profiles) {
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

	/** Creates {@code database} empty on the local PostgreSQL server (dropping what was there). */
	public static void createEmptyDatabase(String database) throws SQLException {
		execute(List.of("drop database if exists " + database + " with (force)", "create database " + database));
	}

	public static void dropDatabase(String database) throws SQLException {
		execute(List.of("drop database if exists " + database + " with (force)"));
	}

	private static void execute(List<String> statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + PostgresTestDatabase.HOST + "/postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
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

}
