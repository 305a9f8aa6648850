package io.orderflow.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.OrderflowApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The second Orderflow node of {@code -Dnodes=2}: Orderflow in a JVM of its own (the same java, classpath and JVM
 * options as the benchmark's), with the production profile, the job executor and background work on, its own port
 * and the benchmark's database, as a second machine of a cluster would run it. A separate JVM, not a second
 * application context in the benchmark's JVM, so that it can be killed hard ({@link #kill}) the way a machine
 * dies, and so that the two nodes share nothing but the database.
 *
 * <p>The node's {@link #main} writes one line on its standard output once it is up: its port and its job
 * executor's lock owner. It stops when its standard input closes: when the benchmark closes it, or when the
 * benchmark's JVM dies, so that no node outlives its benchmark.
 */
final class SecondNode implements AutoCloseable {

	static final Path LOG_FILE = Path.of("target", "benchmark-orderflow-node2.log");

	/** What the node's JVM writes to the console (start-up failures above all). */
	static final Path CONSOLE_FILE = Path.of("target", "benchmark-orderflow-node2.out");

	private static final String READY = "ORDERFLOW-NODE-READY";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private final Process process;

	private final int port;

	private final String lockOwner;

	private volatile long cpuMillisAtDeath = -1;

	private SecondNode(Process process, int port, String lockOwner) {
		this.process = process;
		this.port = port;
		this.lockOwner = lockOwner;
	}

	/** Starts the node on the benchmark's database (created and migrated by the first node) and waits until it is up. */
	static SecondNode start(BenchmarkSettings settings) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions());
		command.add(SecondNode.class.getName());
		Arrays.stream(BenchmarkApplication.arguments(settings, 2))
			.filter(argument -> !argument.startsWith("--logging.file.name="))
			.forEach(command::add);
		command.add("--logging.file.name=" + LOG_FILE);
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(CONSOLE_FILE.toFile());
		// the classpath through the environment: as one argument it may be longer than an argument may be
		builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
		Process process;
		try {
			Files.deleteIfExists(LOG_FILE);
			process = builder.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start the second node: " + e.getMessage(), e);
		}
		CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> awaitReady(process.getInputStream()));
		try {
			// "<port> <lock owner>"
			String[] line = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).split(" ");
			return new SecondNode(process, Integer.parseInt(line[0]), line[1]);
		}
		catch (TimeoutException e) {
			process.destroyForcibly();
			throw new IllegalStateException("The second node did not start within " + START_TIMEOUT + " (see "
					+ CONSOLE_FILE + " and " + LOG_FILE + ")", e);
		}
		catch (ExecutionException | RuntimeException e) {
			process.destroyForcibly();
			throw new IllegalStateException("The second node did not start (see " + CONSOLE_FILE + " and " + LOG_FILE
					+ "): " + (e.getCause() != null ? e.getCause() : e), e);
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	/**
	 * The benchmark JVM's memory, garbage collector and system property options (Orderflow properties given
	 * through -Dbenchmark.jvmArgs too, such as the job executor's lock time), without agents and flight
	 * recordings, which would write to the same files as the benchmark's own.
	 */
	private static List<String> jvmOptions() {
		return ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter(option -> option.startsWith("-X") || option.startsWith("-D"))
			.filter(option -> !option.contains("FlightRecord") && !option.startsWith("-Xrun"))
			.toList();
	}

	/** Reads the node's console until its ready line; then keeps reading it, so that the node never blocks on it. */
	private static String awaitReady(InputStream console) {
		BufferedReader reader = new BufferedReader(new InputStreamReader(console, StandardCharsets.UTF_8));
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith(READY + " ")) {
					Thread drain = new Thread(() -> drain(reader), "benchmark-node2-console");
					drain.setDaemon(true);
					drain.start();
					return line.substring(READY.length() + 1);
				}
			}
			throw new IllegalStateException("the node's JVM ended before it was up");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void drain(BufferedReader reader) {
		try {
			while (reader.readLine() != null) {
				// nothing: the node logs to its file
			}
		}
		catch (IOException e) {
			// the node is gone
		}
	}

	int port() {
		return port;
	}

	/** The node's job executor's lock owner, as its locked jobs carry it in ACT_RU_JOB.LOCK_OWNER_. */
	String lockOwner() {
		return lockOwner;
	}

	long pid() {
		return process.pid();
	}

	/** CPU the node's JVM has used so far (until its death, once killed); -1 if the system does not say. */
	long cpuMillis() {
		if (!process.isAlive()) {
			return cpuMillisAtDeath;
		}
		return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
	}

	boolean alive() {
		return process.isAlive();
	}

	/** Kills the node's JVM at once (SIGKILL), as a machine dies: no shutdown hook, no job given back. */
	void kill() {
		cpuMillisAtDeath = cpuMillis();
		process.destroyForcibly();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The second node (pid " + process.pid() + ") did not die");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	/** Stops the node the orderly way (closing its standard input), or kills it if it takes longer than a minute. */
	@Override
	public void close() {
		if (!process.isAlive()) {
			return;
		}
		try {
			process.getOutputStream().close();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (IOException e) {
			process.destroyForcibly();
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The node's JVM: Orderflow with the benchmark's arguments and none of the test classes in its component scan
	 * (plus the bare engine's no-op delegate, so that this node's job executor can run the bare process too).
	 */
	public static void main(String[] args) throws IOException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderflowApplication.class)
			.profiles("postgres")
			.bannerMode(Banner.Mode.OFF)
			.initializers(ctx -> {
				ctx.getBeanFactory()
					.registerSingleton("benchmarkExcludesTestClasses", new BenchmarkApplication.ExcludeTestClassesFilter());
				ctx.getBeanFactory().registerSingleton(BareEngineLoad.NO_OP_BEAN, new BareEngineLoad.NoOpDelegate());
			})
			.run(args);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String lockOwner = ((ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class)
			.getProcessEngineConfiguration()).getJobExecutor().getLockOwner();
		System.out.println(READY + " " + port + " " + lockOwner);
		System.out.flush();
		// runs until the benchmark closes the standard input (or dies)
		while (System.in.read() >= 0) {
			// nothing to read but the end
		}
		context.close();
		System.exit(0);
	}

}
