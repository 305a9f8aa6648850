package io.orderflow.benchmark;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The benchmark's parameters, read from system properties (the {@code benchmark} Maven profile passes
 * them on): {@code -Dorders=2000 -Dthreads=8} and so on. See "Benchmark" in docs/operations.md.
 *
 * @param orders orders per measured run (and bare-engine instances, unless {@code bareInstances} says otherwise)
 * @param threads client threads that submit orders and report location and carrier events
 * @param warmup orders (and bare instances) run once before measuring, so that both runs meet a warmed-up JVM
 * @param bareInstances instances of the bare-engine process
 * @param bareSavePoints save points of the bare-engine process; 0: as many as the measured orders went through
 * @param dbHost PostgreSQL host and port
 * @param dbName the database the benchmark drops and creates afresh
 * @param dbUser PostgreSQL user (trust authentication, as on the development machines)
 * @param dbPassword its password (empty for trust authentication)
 * @param hikariPoolSize connections of Orderflow's pool
 * @param skus SKUs in the benchmark's catalog
 * @param locations locations, each stocking every SKU, so that every order is served by one location
 * @param stockSkus SKUs of the stock phase (0 to skip it): products created in bulk, then one snapshot of every
 * one of them per stock location, the first one timed
 * @param stockLocations locations of the stock phase
 * @param stall how long no order (or instance) may move before the benchmark gives up and says where they stand
 * @param resultFile where the summary is written as JSON
 * @param seed seed of the order generator (orders are the same from run to run)
 */
record BenchmarkSettings(int orders, int threads, int warmup, int bareInstances, int bareSavePoints, String dbHost,
		String dbName, String dbUser, String dbPassword, int hikariPoolSize, int skus, int locations, int stockSkus, int stockLocations, Duration stall,
		Path resultFile, long seed) {

	BenchmarkSettings {
		if (orders < 1 || threads < 1 || warmup < 0 || bareInstances < 1 || bareSavePoints < 0 || skus < 1
				|| locations < 1) {
			throw new IllegalArgumentException("orders, threads, bareInstances, skus and locations must be positive; "
					+ "warmup and bareSavePoints must not be negative");
		}
		if (stockSkus < 0 || stockLocations < 0 || (stockSkus > 0 && stockLocations < 1)) {
			throw new IllegalArgumentException("benchmark.stock.skus and benchmark.stock.locations must not be negative, "
					+ "and a stock phase needs a location");
		}
		if (!dbName.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("benchmark.db.name must be a plain lower-case identifier: " + dbName);
		}
	}

	static BenchmarkSettings fromSystemProperties() {
		int orders = integer("orders", 2000);
		return new BenchmarkSettings(orders, integer("threads", 8), integer("warmup", 100),
				integer("bareInstances", orders), integer("bareSavePoints", 0),
				text("benchmark.db.host", "localhost:5432"), text("benchmark.db.name", "orderflow_bench"),
				text("benchmark.db.user", "postgres"), text("benchmark.db.password", ""),
				integer("benchmark.db.pool", 30), integer("benchmark.skus", 50), integer("benchmark.locations", 3),
				integer("benchmark.stock.skus", 100_000), integer("benchmark.stock.locations", 50),
				Duration.parse(text("benchmark.stall", "PT2M")),
				Path.of(text("benchmark.result", "target/benchmark-result.json")), integer("benchmark.seed", 42));
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + dbHost + "/" + dbName;
	}

	private static int integer(String name, int fallback) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("-D" + name + " must be a whole number, not " + value, e);
		}
	}

	private static String text(String name, String fallback) {
		String value = System.getProperty(name);
		return value == null || value.isBlank() ? fallback : value.trim();
	}

}
