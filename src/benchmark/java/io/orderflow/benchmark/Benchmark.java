package io.orderflow.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvents;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

import org.springframework.transaction.PlatformTransactionManager;

/**
 * The benchmark command (not a test: it asserts nothing, it measures and reports). Run it with
 * {@code ./mvnw -Pbenchmark verify -Dorders=2000 -Dthreads=8}; see "Benchmark" in docs/operations.md.
 *
 * <ol>
 * <li>Creates the PostgreSQL database {@code orderflow_bench} afresh and starts Orderflow in this JVM with
 * its production profile, job executor and background work on.</li>
 * <li>Warms up with a short run, then measures one of {@code orders} orders: submitted over REST from
 * {@code threads} client threads; allocated by Orderflow; driven to DELIVERED by location and carrier
 * events over REST.</li>
 * <li>Measures a bare Camunda process on the same engine with as many save points and message waits as an
 * order went through and no-op delegates, started and correlated from as many threads.</li>
 * <li>Prints a summary and writes it as JSON to {@code target/benchmark-result.json}.</li>
 * </ol>
 * The money checks ({@link MoneyChecks}) follow the measured orders; a failed one makes the exit code 1.
 * {@code -Dbenchmark.rate} makes the submission an open loop ({@link OpenLoop}); {@code -Dnodes=2} adds a second
 * Orderflow node in a JVM of its own ({@link SecondNode}), which {@code -Dbenchmark.kill=true} kills mid-run to
 * measure how long its jobs stay stuck ({@link Recovery}).
 */
public final class Benchmark {

	static final double BAR_ACCEPTED_PER_MINUTE = 10_000;

	static final double BAR_ALLOCATED_PER_MINUTE = 5_000;

	static final double BAR_BARE_RATIO = 0.60;

	/** POST /api/orders p99 at 100 orders per second offered (open loop), in milliseconds. */
	static final double BAR_POST_P99_MILLIS = 100;

	/** Events the outbox phase records each way. */
	static final int OUTBOX_EVENTS = 5000;

	private Benchmark() {
	}

	public static void main(String[] args) {
		int exitCode;
		try {
			exitCode = run(BenchmarkSettings.fromSystemProperties());
		}
		catch (IllegalArgumentException e) {
			System.out.println("Benchmark settings: " + e.getMessage());
			exitCode = 2;
		}
		System.out.flush();
		System.exit(exitCode);
	}

	static int run(BenchmarkSettings settings) {
		LoadShape shape = LoadShape.fromSystemProperties();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("startedAt", OffsetDateTime.now().toString());
		result.put("settings", settingsJson(settings));
		result.put("load", shape.json());
		result.put("machine", machine());
		System.out.printf("Orderflow benchmark: %d orders (warm-up %d), %d client threads, PostgreSQL %s, %d CPUs%n",
				settings.orders(), settings.warmup(), settings.threads(), settings.jdbcUrl(),
				Runtime.getRuntime().availableProcessors());
		if (shape.openLoop() || shape.nodes() > 1) {
			System.out.printf("Accept phase: %s; %d Orderflow node(s)%s%n", shape.openLoop() ? String.format(
					"open loop at %s orders/s offered from %d client threads", fmt(shape.rate()),
					OpenLoop.clientThreads(shape.rate(), settings.threads())) : "closed loop", shape.nodes(),
					shape.kill() ? ", the second killed during the delivery phase" : "");
		}
		try (HeapSampler heap = new HeapSampler()) {
			long startup = System.nanoTime();
			try (BenchmarkApplication app = BenchmarkApplication.start(settings, shape.nodes())) {
				result.put("startupSeconds", round(OrderflowLoad.seconds(System.nanoTime() - startup), 1));
				result.put("configuration", app.configuration());
				result.put("models", models());
				System.out.println("Orderflow started in " + result.get("startupSeconds") + " s on port " + app.port()
						+ "; " + app.configuration());
				try (SecondNode second = shape.nodes() == 2 ? SecondNode.start(settings) : null;
						Statistics statistics = Statistics.start(settings)) {
					if (second != null) {
						System.out.println("Second Orderflow node (pid " + second.pid() + ") started on port " + second.port()
								+ "; its log: " + SecondNode.LOG_FILE);
					}
					if (statistics.analyzing()) {
						System.out.println("PostgreSQL autovacuum is " + (statistics.autovacuum() ? "on" : "off")
								+ ": the benchmark runs ANALYZE every 10 s, as autovacuum would (-Dbenchmark.analyze=never to leave it)");
					}
					int code = measure(settings, shape, app, second, heap, result, statistics);
					return code;
				}
			}
		}
		catch (StalledException e) {
			System.out.println();
			System.out.println("STALLED: " + e.getMessage());
			e.diagnosis().forEach(System.out::println);
			result.put("error", e.getMessage());
			result.put("diagnosis", e.diagnosis());
			write(settings, result);
			return 1;
		}
		catch (RuntimeException e) {
			System.out.println();
			System.out.println("FAILED: " + e);
			e.printStackTrace(System.out);
			result.put("error", e.toString());
			write(settings, result);
			return 1;
		}
	}

	private static int measure(BenchmarkSettings settings, LoadShape shape, BenchmarkApplication app, SecondNode second,
			HeapSampler heap, Map<String, Object> result, Statistics statistics) {
		Map<String, Object> database = new LinkedHashMap<>();
		database.put("autovacuum", statistics.autovacuum());
		database.put("benchmarkRunsAnalyze", statistics.analyzing());
		result.put("database", database);
		EngineProbe probe = new EngineProbe(app.jdbc(), app.engine(), app.bean(JobCounter.class));
		// with two nodes, the orders and events go to both in turn
		RestClient client = second == null ? app.integrator() : app.integrator().alsoOn(second.port());
		OrderflowLoad orderflow = new OrderflowLoad(settings, client, app.jdbc(), probe, app.skus()).openLoop(shape.rate());
		Recovery recovery = shape.kill() ? new Recovery(second, client, app.jdbc(),
				((Number) app.configuration().get("jobExecutorLockTimeMillis")).longValue(), settings.stall()) : null;
		if (recovery != null) {
			orderflow.onDeliveryPhase(tag -> {
				if (tag.equals("RUN")) {
					recovery.start(tag, settings.orders());
				}
			});
		}
		CpuClock cpu = new CpuClock();

		if (settings.warmup() > 0) {
			System.out.println("Warm-up: " + settings.warmup() + " orders …");
			OrderflowLoad.Result warmup = orderflow.run("WARMUP", settings.warmup());
			System.out.printf("Warm-up done in %.1f s%n", warmup.completedSeconds());
		}

		System.out.println("Orderflow: " + settings.orders() + " orders …");
		OrderflowLoad.Result measured;
		long orderflowCpu;
		long secondNodeCpu = second == null ? -1 : second.cpuMillis();
		try (HeapSampler.Window window = heap.window()) {
			cpu.start();
			measured = orderflow.run("RUN", settings.orders());
			orderflowCpu = cpu.elapsedMillis();
			Map<String, Object> json = orderflowJson(measured, window, orderflowCpu, cpu.postgresElapsedMillis());
			json.put("jitCompilationMillisPerOrder", round((double) cpu.compilationMillis() / settings.orders(), 2));
			result.put("orderflow", json);
		}
		if (measured.openLoop() != null) {
			result.put("openLoop", measured.openLoop().json());
		}
		if (second != null) {
			secondNodeCpu = secondNodeCpu < 0 || second.cpuMillis() < 0 ? -1 : second.cpuMillis() - secondNodeCpu;
			result.put("nodes", Map.of("nodes", 2, "secondNodePort", second.port(), "secondNodeCpuMillis", secondNodeCpu,
					"secondNodeCpuMillisPerOrder", secondNodeCpu < 0 ? -1 : round((double) secondNodeCpu / measured.orders(), 2)));
		}
		Recovery.Result recovered = recovery == null ? null : recovery.result();
		if (recovered != null) {
			result.put("recovery", recovered.json());
		}
		MoneyChecks.Result money = MoneyChecks.run(app.jdbc());
		result.put("moneyChecks", money.json());
		System.out.printf("Orderflow done: accepted in %.1f s, allocated in %.1f s, delivered in %.1f s, completed in %.1f s%n",
				measured.acceptSeconds(), measured.allocatedSeconds(), measured.deliveredSeconds(),
				measured.completedSeconds());

		WebhookLoad.Result webhooks = null;
		if (Boolean.parseBoolean(System.getProperty("benchmark.webhooks", "true"))) {
			System.out.println("Orderflow with a webhook subscription to every event: " + settings.orders() + " orders …");
			webhooks = WebhookLoad.run(orderflow, app.integrator(), app.jdbc(), settings.orders(),
					Arrays.stream(EventType.values()).map(EventType::wireName).toList());
			result.put("webhooks", webhooksJson(webhooks, measured));
		}

		OutboxLoad.Result outbox = null;
		if (Boolean.parseBoolean(System.getProperty("benchmark.outbox", "true"))) {
			System.out.println("Outbox: " + OUTBOX_EVENTS + " events recorded each way …");
			outbox = OutboxLoad.run(app.bean(OrderEvents.class), app.publisher(),
					app.bean(PlatformTransactionManager.class), app.jdbc(), OUTBOX_EVENTS, settings.threads());
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("events", outbox.events());
			json.put("outboxEventsPerSecond", round(outbox.outboxPerSecond(), 0));
			json.put("registryEventsPerSecond", round(outbox.registryPerSecond(), 0));
			result.put("outbox", json);
		}

		if (settings.bareSavePoints() == 0 && second != null) {
			System.out.println("Note: the jobs of the second node are not counted here (Orderflow keeps no log of jobs that "
					+ "ran well); give -DbareSavePoints (what a one-node run reports) for a bare engine of the same shape");
		}
		int savePoints = settings.bareSavePoints() > 0 ? settings.bareSavePoints()
				: (int) Math.round(measured.jobs().savePointsPerInstance());
		BareEngineLoad bare = new BareEngineLoad(settings, app.engine(), probe);
		bare.deploy(savePoints);
		System.out.println("Bare engine: " + BareEngineLoad.layout(savePoints));
		if (settings.warmup() > 0) {
			bare.run("BARE-WARMUP", settings.warmup());
		}
		System.out.println("Bare engine: " + settings.bareInstances() + " instances …");
		BareEngineLoad.Result baseline;
		long bareCpu;
		try (HeapSampler.Window window = heap.window()) {
			cpu.start();
			baseline = bare.run("BARE", settings.bareInstances());
			bareCpu = cpu.elapsedMillis();
			Map<String, Object> json = bareJson(baseline, savePoints, window, bareCpu, cpu.postgresElapsedMillis());
			json.put("jitCompilationMillisPerInstance",
					round((double) cpu.compilationMillis() / settings.bareInstances(), 2));
			result.put("bareEngine", json);
		}

		StockLoad.Result stock = null;
		if (settings.stockSkus() > 0) {
			stock = new StockLoad(settings, app.integrator()).run(heap);
			result.put("stock", stock.json());
		}

		ScaleLoad.Result scale = null;
		if (ScaleLoad.target() > 0) {
			// the scale phase vacuums and analyzes what it writes; an ANALYZE of the whole database every 10 s, which
			// autovacuum would never run, would only land on some of its searches
			statistics.close();
			scale = new ScaleLoad(app.integrator(), app.jdbc(), settings.seed()).run(ScaleLoad.target(), heap);
			result.put("scale", scale.json());
		}

		double ratio = baseline.endedPerMinute() == 0 ? 0 : measured.completedPerMinute() / baseline.endedPerMinute();
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("ordersAcceptedPerMinute", round(measured.acceptedPerMinute(), 0));
		summary.put("ordersAllocatedPerMinute", round(measured.allocatedPerMinute(), 0));
		summary.put("ordersDeliveredPerMinute", round(measured.deliveredPerMinute(), 0));
		summary.put("ordersDeliveredPerMinuteDeliveryPhase", round(measured.deliveredPerMinutePhase(), 0));
		summary.put("lifecyclesCompletedPerMinute", round(measured.completedPerMinute(), 0));
		summary.put("postOrdersP50Millis", measured.post().p50());
		summary.put("postOrdersP99Millis", measured.post().p99());
		summary.put("bareEngineInstancesPerMinute", round(baseline.endedPerMinute(), 0));
		summary.put("lifecycleToBareRatio", round(ratio, 3));
		summary.put("barAcceptedPerMinuteMet", measured.acceptedPerMinute() >= BAR_ACCEPTED_PER_MINUTE);
		summary.put("barAllocatedPerMinuteMet", measured.allocatedPerMinute() >= BAR_ALLOCATED_PER_MINUTE);
		summary.put("barBareRatioMet", ratio >= BAR_BARE_RATIO);
		if (measured.openLoop() != null) {
			summary.put("openLoopOfferedPerSecond", measured.openLoop().offeredPerSecond());
			summary.put("openLoopAchievedPerSecond", round(measured.openLoop().achievedPerSecond(), 2));
			summary.put("postOrdersMaxMillis", measured.post().max());
			summary.put("barPostP99At100PerSecondMet",
					measured.openLoop().offeredPerSecond() >= 100 && measured.post().p99() <= BAR_POST_P99_MILLIS);
		}
		if (recovered != null) {
			summary.put("killedNodeJobsTakenOverSeconds", round(recovered.allTakenOverSeconds(), 1));
		}
		summary.put("moneyChecksPassed", money.passed());
		result.put("summary", summary);
		database.put("analyzeRuns", statistics.analyses());
		result.put("finishedAt", OffsetDateTime.now().toString());
		result.put("systemLoadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		write(settings, result);
		printTable(settings, measured, baseline, savePoints, ratio, result);
		if (webhooks != null) {
			row("with a webhook to every event: lifecycles completed per minute",
					String.format("%s (%+.1f %%)", fmt(webhooks.orders().completedPerMinute()),
							change(webhooks, measured)), "target ≥ -10 %");
			row(String.format("webhook deliveries / delay from the change p50 / p99 (ms)"),
					String.format("%,d / %.0f / %.0f", webhooks.deliveries(), webhooks.delay().p50(), webhooks.delay().p99()), "");
		}
		if (outbox != null) {
			row("events recorded per second: outbox / through the registry", String.format("%,.0f / %,.0f",
					outbox.outboxPerSecond(), outbox.registryPerSecond()), "");
		}
		if (stock != null) {
			row(String.format("stock: %,d products in bulk (s)", stock.skus()), String.format("%.1f", stock.productsSeconds()), "");
			row(String.format("stock: one snapshot of %,d rows (s) / peak heap (MB)", stock.skus()),
					String.format("%.1f / %d", stock.firstSnapshotSeconds(), stock.firstSnapshotPeakHeapMb()), "");
			row(String.format("stock: %d snapshots, rows per second", stock.locations()),
					String.format("%,.0f", stock.rowsPerSecond()), "");
			row(String.format("availability of 20 SKUs (%,d SKUs x %d locations) p50 / p99 (ms)", stock.skus(),
					stock.locations()), String.format("%.1f / %.1f", stock.availabilityP50(), stock.availabilityP99()), "");
		}
		if (scale != null) {
			scale.print();
		}
		printNodes(measured, recovered, money, result);
		if (!money.passed()) {
			System.out.println("MONEY CHECKS FAILED: " + money.failed() + " of " + money.checks().size());
			return 1;
		}
		return 0;
	}

	/** The open loop's, the second node's and the money checks' figures, below the table. */
	private static void printNodes(OrderflowLoad.Result measured, Recovery.Result recovered, MoneyChecks.Result money,
			Map<String, Object> result) {
		OpenLoop.Result open = measured.openLoop();
		if (open != null) {
			row(String.format("open loop: offered / achieved orders per second (%d threads)", open.clientThreads()),
					String.format("%s / %.1f", fmt(open.offeredPerSecond()), open.achievedPerSecond()), "");
			row("POST /api/orders from intended send p50 / p99 / max (ms)", String.format("%.0f / %.0f / %.0f",
					open.fromDue().p50(), open.fromDue().p99(), open.fromDue().max()),
					"p99 ≤ " + fmt(BAR_POST_P99_MILLIS) + " @ 100/s");
			row("POST /api/orders from actual send p50 / p99 (ms)",
					String.format("%.0f / %.0f", open.service().p50(), open.service().p99()), "");
			row("orders sent late: lag p99 / max (ms)",
					String.format("%.0f / %.0f", open.sendLag().p99(), open.sendLag().max()), "");
		}
		if (result.get("nodes") instanceof Map<?, ?> nodes) {
			row("second node's CPU per order (ms; not in the CPU above)", String.valueOf(nodes.get("secondNodeCpuMillisPerOrder")), "");
		}
		if (recovered != null) {
			recovered.lines().forEach(System.out::println);
		}
		money.print();
	}

	/** How much the lifecycles per minute changed with the webhook subscription, in percent. */
	private static double change(WebhookLoad.Result webhooks, OrderflowLoad.Result without) {
		return without.completedPerMinute() == 0 ? 0
				: (webhooks.orders().completedPerMinute() / without.completedPerMinute() - 1) * 100;
	}

	private static Map<String, Object> webhooksJson(WebhookLoad.Result webhooks, OrderflowLoad.Result without) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("lifecyclesCompletedPerMinute", round(webhooks.orders().completedPerMinute(), 0));
		json.put("lifecyclesCompletedPerMinuteWithout", round(without.completedPerMinute(), 0));
		json.put("changePercent", round(change(webhooks, without), 1));
		json.put("deliveries", webhooks.deliveries());
		json.put("delayFromChangeP50Millis", webhooks.delay().p50());
		json.put("delayFromChangeP99Millis", webhooks.delay().p99());
		json.put("delayFromChangeMaxMillis", webhooks.delay().max());
		return json;
	}

	private static void printTable(BenchmarkSettings settings, OrderflowLoad.Result o, BareEngineLoad.Result b,
			int savePoints, double ratio, Map<String, Object> result) {
		@SuppressWarnings("unchecked")
		Map<String, Object> orderflowJson = (Map<String, Object>) result.get("orderflow");
		@SuppressWarnings("unchecked")
		Map<String, Object> bareJson = (Map<String, Object>) result.get("bareEngine");
		String line = "-".repeat(92);
		System.out.println();
		System.out.println(line);
		System.out.printf("Orderflow benchmark: %d orders, %d client threads, %d CPUs, PostgreSQL, %s%n", o.orders(),
				settings.threads(), Runtime.getRuntime().availableProcessors(), result.get("finishedAt"));
		System.out.println(line);
		System.out.printf("%-58s %14s %18s%n", "", "measured", "bar (2 cores)");
		row("orders accepted per minute (POST /api/orders)", fmt(o.acceptedPerMinute()), bar(o.acceptedPerMinute(), BAR_ACCEPTED_PER_MINUTE));
		row("orders reaching ALLOCATED per minute", fmt(o.allocatedPerMinute()), bar(o.allocatedPerMinute(), BAR_ALLOCATED_PER_MINUTE));
		row("orders reaching DELIVERED per minute, end to end", fmt(o.deliveredPerMinute()), "");
		row("orders reaching DELIVERED per minute, delivery phase", fmt(o.deliveredPerMinutePhase()), "");
		row("order lifecycles completed per minute, end to end", fmt(o.completedPerMinute()), "");
		row("POST /api/orders p50 / p99 (ms)", String.format("%.1f / %.1f", o.post().p50(), o.post().p99()), "");
		row("peak heap used / after GC (MB; max " + orderflowJson.get("heapMaxMb") + ")",
				orderflowJson.get("peakHeapUsedMb") + " / " + orderflowJson.get("peakHeapAfterGcMb"), "");
		row("CPU per order, JVM / PostgreSQL (ms)", cpu(orderflowJson, "cpuMillisPerOrder", "postgresCpuMillisPerOrder"), "");
		row("of the JVM's, JIT compilation per order (ms)", String.valueOf(orderflowJson.get("jitCompilationMillisPerOrder")), "");
		row("save points passed per order / jobs per order", String.format("%.2f / %.2f", o.jobs().savePointsPerInstance(),
				(double) o.jobs().asyncJobsSucceeded() / o.orders()), "");
		row("failed job executions (retried) / open incidents", o.jobs().failedExecutions() + " / " + o.incidents(), "");
		System.out.println(line);
		row("bare engine instances per minute (" + savePoints + " save points, 2 waits)", fmt(b.endedPerMinute()), "");
		row("bare engine start p50 / p99 (ms)", String.format("%.1f / %.1f", b.start().p50(), b.start().p99()), "");
		row("bare engine peak heap used / after GC (MB)", bareJson.get("peakHeapUsedMb") + " / " + bareJson.get("peakHeapAfterGcMb"), "");
		row("bare engine CPU per instance, JVM / PostgreSQL (ms)", cpu(bareJson, "cpuMillisPerInstance", "postgresCpuMillisPerInstance"), "");
		row("of the JVM's, JIT compilation per instance (ms)", String.valueOf(bareJson.get("jitCompilationMillisPerInstance")), "");
		row("bare engine failed job executions / open incidents", b.jobs().failedExecutions() + " / " + b.incidents(), "");
		row("lifecycles per minute as a share of the bare engine", String.format("%.1f %%", ratio * 100),
				(ratio >= BAR_BARE_RATIO ? "met " : "NOT met ") + "(≥ " + fmt(BAR_BARE_RATIO * 100) + " %)");
		System.out.println(line);
		if (!o.jobs().failures().isEmpty()) {
			System.out.println("Orderflow job failures (retried by the job executor), by activity and message:");
			o.jobs().failures().forEach((what, count) -> System.out.println("  " + count + " × " + what));
		}
		if (!b.jobs().failures().isEmpty()) {
			System.out.println("Bare engine job failures, by activity and message:");
			b.jobs().failures().forEach((what, count) -> System.out.println("  " + count + " × " + what));
		}
		System.out.println("Save points each order passed (process/element × jobs): " + o.jobs().visited());
		System.out.printf("Requests: %d POST, %d GET (looking for fulfillment orders and shipments); %.2f shipments per order%n",
				o.posts(), o.gets(), o.shipmentsPerOrder());
		System.out.println("PostgreSQL: " + result.get("database") + "; load average at the start / end: "
				+ ((Map<?, ?>) result.get("machine")).get("systemLoadAverageAtStart") + " / "
				+ result.get("systemLoadAverageAtEnd"));
		System.out.println("Result written to " + settings.resultFile().toAbsolutePath());
	}

	static void row(String label, String value, String bar) {
		System.out.printf("%-58s %14s %18s%n", label, value, bar);
	}

	private static String cpu(Map<String, Object> json, String jvm, String postgres) {
		double database = ((Number) json.get(postgres)).doubleValue();
		return String.format("%.1f / %s", ((Number) json.get(jvm)).doubleValue(),
				database < 0 ? "?" : String.format("%.1f", database));
	}

	private static String bar(double value, double bar) {
		return (value >= bar ? "met " : "NOT met ") + "(≥ " + fmt(bar) + ")";
	}

	private static String fmt(double value) {
		return String.format("%,.0f", value);
	}

	private static Map<String, Object> orderflowJson(OrderflowLoad.Result o, HeapSampler.Window heap, long cpuMillis,
			long postgresCpuMillis) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("orders", o.orders());
		json.put("acceptedPerMinute", round(o.acceptedPerMinute(), 1));
		json.put("allocatedPerMinute", round(o.allocatedPerMinute(), 1));
		json.put("deliveredPerMinute", round(o.deliveredPerMinute(), 1));
		json.put("deliveredPerMinuteDeliveryPhase", round(o.deliveredPerMinutePhase(), 1));
		json.put("lifecyclesCompletedPerMinute", round(o.completedPerMinute(), 1));
		json.put("secondsToAccept", round(o.acceptSeconds(), 3));
		json.put("secondsToAllocated", round(o.allocatedSeconds(), 3));
		json.put("secondsToReportEventsAfterAllocated", round(o.reportSeconds(), 3));
		json.put("secondsToDelivered", round(o.deliveredSeconds(), 3));
		json.put("secondsToCompleted", round(o.completedSeconds(), 3));
		json.put("postOrdersMillis", o.post());
		json.put("requestsPost", o.posts());
		json.put("requestsGet", o.gets());
		json.put("shipmentsPerOrder", o.shipmentsPerOrder());
		json.put("jobs", o.jobs());
		json.put("openIncidents", o.incidents());
		json.put("peakHeapUsedMb", heap.peakUsedMb());
		json.put("peakHeapAfterGcMb", heap.peakAfterGcMb());
		json.put("peakHeapCommittedMb", heap.peakCommittedMb());
		json.put("heapMaxMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		json.put("cpuMillis", cpuMillis);
		json.put("cpuMillisPerOrder", round((double) cpuMillis / o.orders(), 2));
		json.put("postgresCpuMillis", postgresCpuMillis);
		json.put("postgresCpuMillisPerOrder", postgresCpuMillis < 0 ? -1 : round((double) postgresCpuMillis / o.orders(), 2));
		return json;
	}

	private static Map<String, Object> bareJson(BareEngineLoad.Result b, int savePoints, HeapSampler.Window heap,
			long cpuMillis, long postgresCpuMillis) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("processKey", BareEngineLoad.PROCESS_KEY);
		json.put("savePoints", savePoints);
		json.put("messageWaits", 2);
		json.put("layout", BareEngineLoad.layout(savePoints));
		json.put("instances", b.instances());
		json.put("instancesPerMinute", round(b.endedPerMinute(), 1));
		json.put("startedPerMinute", round(b.startedPerMinute(), 1));
		json.put("secondsToStart", round(b.startSeconds(), 3));
		json.put("secondsToFirstWait", round(b.waitingSeconds(), 3));
		json.put("secondsToEnded", round(b.endedSeconds(), 3));
		json.put("startMillis", b.start());
		json.put("jobs", b.jobs());
		json.put("openIncidents", b.incidents());
		json.put("peakHeapUsedMb", heap.peakUsedMb());
		json.put("peakHeapAfterGcMb", heap.peakAfterGcMb());
		json.put("cpuMillis", cpuMillis);
		json.put("cpuMillisPerInstance", round((double) cpuMillis / b.instances(), 2));
		json.put("postgresCpuMillis", postgresCpuMillis);
		json.put("postgresCpuMillisPerInstance", postgresCpuMillis < 0 ? -1 : round((double) postgresCpuMillis / b.instances(), 2));
		return json;
	}

	private static Map<String, Object> settingsJson(BenchmarkSettings settings) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("orders", settings.orders());
		json.put("threads", settings.threads());
		json.put("warmup", settings.warmup());
		json.put("bareInstances", settings.bareInstances());
		json.put("bareSavePoints", settings.bareSavePoints());
		json.put("database", settings.jdbcUrl());
		json.put("hikariPoolSize", settings.hikariPoolSize());
		json.put("skus", settings.skus());
		json.put("locations", settings.locations());
		json.put("stall", settings.stall().toString());
		return json;
	}

	private static Map<String, Object> machine() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("availableProcessors", Runtime.getRuntime().availableProcessors());
		json.put("systemLoadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		json.put("javaVersion", System.getProperty("java.version"));
		json.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
		return json;
	}

	/** The save points ({@code asyncBefore}) of the two models an order runs through, as the analysts drew them. */
	private static Map<String, Object> models() {
		Map<String, Object> json = new LinkedHashMap<>();
		for (String file : List.of("bpmn/order-lifecycle.bpmn", "bpmn/fulfillment-order.bpmn")) {
			try (InputStream in = Benchmark.class.getClassLoader().getResourceAsStream(file)) {
				if (in == null) {
					continue;
				}
				BpmnModelInstance model = Bpmn.readModelFromStream(in);
				List<String> savePoints = model.getModelElementsByType(FlowNode.class)
					.stream()
					.filter(FlowNode::isCamundaAsyncBefore)
					.map(FlowNode::getId)
					.sorted()
					.toList();
				json.put(file, Map.of("savePoints", savePoints.size(), "elements", savePoints));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return json;
	}

	private static void write(BenchmarkSettings settings, Map<String, Object> result) {
		try {
			if (settings.resultFile().getParent() != null) {
				Files.createDirectories(settings.resultFile().getParent());
			}
			new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.resultFile().toFile(), result);
		}
		catch (IOException e) {
			System.out.println("Could not write " + settings.resultFile() + ": " + e.getMessage());
		}
	}

	static double round(double value, int decimals) {
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

	/** CPU time this JVM used (all threads: Orderflow, its job executor and the benchmark's clients). */
	private static final class CpuClock {

		private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();

		private long started;

		private java.util.OptionalLong postgresStarted = java.util.OptionalLong.empty();

		private final java.lang.management.CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();

		private long compilationStarted;

		void start() {
			started = os.getProcessCpuTime();
			compilationStarted = compiler.getTotalCompilationTime();
			postgresStarted = PostgresCpu.millis();
		}

		long elapsedMillis() {
			return (os.getProcessCpuTime() - started) / 1_000_000;
		}

		/**
		 * Time the JIT compilers spent since {@link #start()} (HotSpot's own account, in its compiler threads): part of
		 * the CPU above that says how warm the JVM was, not what an order costs once it is.
		 */
		long compilationMillis() {
			return compiler.getTotalCompilationTime() - compilationStarted;
		}

		/** CPU the local PostgreSQL server used since {@link #start()}; -1 if it cannot be seen. */
		long postgresElapsedMillis() {
			java.util.OptionalLong now = PostgresCpu.millis();
			return postgresStarted.isPresent() && now.isPresent() ? now.getAsLong() - postgresStarted.getAsLong() : -1;
		}

	}

}
