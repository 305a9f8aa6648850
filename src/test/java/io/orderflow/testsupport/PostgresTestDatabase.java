package io.orderflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Creates the test database on the local PostgreSQL server, once per test run, from scratch. */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String HOST = "localhost:5432";

	/** One database per checkout, so that test runs in two working copies on one machine do not collide. */
	public static final String NAME = "orderflow_test_"
			+ Integer.toHexString(System.getProperty("user.dir").hashCode() & 0x7fffffff);

	public static final String URL = "jdbc:postgresql://" + HOST + "/" + NAME;

	private static boolean created;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		recreateOnce();
		TestPropertyValues.of("ORDERFLOW_DB_URL=" + URL).applyTo(context);
	}

	public static synchronized void recreateOnce() {
		if (created) {
			return;
		}
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres",
				"postgres", ""); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + NAME + " with (force)");
			statement.execute("create database " + NAME);
		}
		catch (SQLException e) {
			throw new IllegalStateException("The PostgreSQL tests need a PostgreSQL server on " + HOST
					+ " (user postgres, trust authentication); .ci/run starts one. " + e.getMessage(), e);
		}
		created = true;
	}

}
