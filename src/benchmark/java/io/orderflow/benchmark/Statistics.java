package io.orderflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Planner statistics for the benchmark database. A production PostgreSQL runs autovacuum, which
 * analyzes tables as they grow; a server with autovacuum off (as on some development machines) never
 * does, and a database created a minute ago then has no statistics at all: the planner guesses, and
 * Camunda's queries (message correlation above all) take seconds instead of milliseconds. With
 * {@code -Dbenchmark.analyze=auto} (the default) the benchmark then runs ANALYZE every 10 seconds
 * itself, as autovacuum would; {@code always} does so whatever the server does, {@code never} never.
 */
final class Statistics implements AutoCloseable {

	private final ScheduledExecutorService timer;

	private final AtomicInteger analyses = new AtomicInteger();

	private final boolean autovacuum;

	private Statistics(BenchmarkSettings settings, boolean autovacuum, boolean analyze) {
		this.autovacuum = autovacuum;
		if (!analyze) {
			this.timer = null;
			return;
		}
		this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "benchmark-analyze");
			thread.setDaemon(true);
			return thread;
		});
		timer.scheduleWithFixedDelay(() -> {
			try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
				statement.execute("analyze");
				analyses.incrementAndGet();
			}
			catch (SQLException e) {
				System.out.println("ANALYZE failed: " + e.getMessage());
			}
		}, 0, 10, TimeUnit.SECONDS);
	}

	static Statistics start(BenchmarkSettings settings) {
		boolean autovacuum;
		try (Connection connection = connect(settings); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("show autovacuum")) {
			autovacuum = rs.next() && "on".equalsIgnoreCase(rs.getString(1));
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot ask PostgreSQL whether autovacuum is on: " + e.getMessage(), e);
		}
		String mode = System.getProperty("benchmark.analyze", "auto");
		boolean analyze = switch (mode) {
			case "always" -> true;
			case "never" -> false;
			case "auto" -> !autovacuum;
			default -> throw new IllegalArgumentException("-Dbenchmark.analyze must be auto, always or never: " + mode);
		};
		return new Statistics(settings, autovacuum, analyze);
	}

	boolean autovacuum() {
		return autovacuum;
	}

	boolean analyzing() {
		return timer != null;
	}

	int analyses() {
		return analyses.get();
	}

	private static Connection connect(BenchmarkSettings settings) throws SQLException {
		return DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
	}

	@Override
	public void close() {
		if (timer != null) {
			timer.shutdownNow();
		}
	}

}
