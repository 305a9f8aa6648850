package io.orderflow.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the load arrives and where it goes, read from system properties beside {@link BenchmarkSettings} (kept apart
 * so that the two modes stay out of the settings every phase shares). See "Benchmark" in docs/operations.md.
 *
 * @param rate orders per second offered in the accept phase (open loop, latency from the intended send time); 0 for
 * the closed loop (each client thread sends its next order when the last one is answered)
 * @param nodes Orderflow nodes on the one database: 1 (this JVM) or 2 (a second JVM beside it, the requests spread
 * round robin)
 * @param kill with two nodes: kill the second one hard during the measured run's delivery phase and measure how long
 * the jobs it held stay stuck
 */
record LoadShape(double rate, int nodes, boolean kill) {

	LoadShape {
		if (!(rate >= 0) || Double.isInfinite(rate)) {
			throw new IllegalArgumentException("-Dbenchmark.rate must be 0 (closed loop) or orders per second: " + rate);
		}
		if (nodes < 1 || nodes > 2) {
			throw new IllegalArgumentException("-Dnodes must be 1 or 2: " + nodes);
		}
		if (kill && nodes != 2) {
			throw new IllegalArgumentException("-Dbenchmark.kill=true needs -Dnodes=2 (a node to kill and one to survive)");
		}
	}

	static LoadShape fromSystemProperties() {
		String rate = text("benchmark.rate", "0");
		String nodes = text("nodes", "1");
		try {
			return new LoadShape(Double.parseDouble(rate), Integer.parseInt(nodes),
					Boolean.parseBoolean(text("benchmark.kill", "false")));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("-Dbenchmark.rate must be a number and -Dnodes a whole number, not "
					+ rate + " and " + nodes, e);
		}
	}

	boolean openLoop() {
		return rate > 0;
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("rate", rate);
		json.put("nodes", nodes);
		json.put("kill", kill);
		return json;
	}

	private static String text(String name, String fallback) {
		String value = System.getProperty(name);
		return value == null || value.isBlank() ? fallback : value.trim();
	}

}
