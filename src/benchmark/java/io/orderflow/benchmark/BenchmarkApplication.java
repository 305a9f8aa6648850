package io.orderflow.benchmark;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.orderflow.OrderflowApplication;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Orderflow as production runs it (profile {@code postgres}, job executor and scheduling on), started in
 * this JVM on a database created afresh, with what the postgres profile does not bring: an integrator,
 * a catalog and stocked locations.
 */
final class BenchmarkApplication implements AutoCloseable {

	static final String INTEGRATOR = "benchmark-integrator";

	private final BenchmarkSettings settings;

	private final ConfigurableApplicationContext context;

	private final String integratorPassword = UUID.randomUUID().toString();

	private final List<String> skus = new ArrayList<>();

	private BenchmarkApplication(BenchmarkSettings settings, ConfigurableApplicationContext context) {
		this.settings = settings;
		this.context = context;
	}

	static final java.nio.file.Path LOG_FILE = java.nio.file.Path.of("target", "benchmark-orderflow.log");

	/** Starts the first of {@code nodes} Orderflow nodes (the second one, if any, is a {@link SecondNode}). */
	static BenchmarkApplication start(BenchmarkSettings settings, int nodes) {
		recreateDatabase(settings);
		try {
			// one run's log only (Spring Boot appends to an existing file)
			java.nio.file.Files.deleteIfExists(LOG_FILE);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderflowApplication.class)
			.profiles("postgres")
			.bannerMode(Banner.Mode.OFF)
			.initializers(ctx -> {
				// the benchmark lives among the test classes: keep them (test fixtures, …) out of the component scan
				ctx.getBeanFactory().registerSingleton("benchmarkExcludesTestClasses", new ExcludeTestClassesFilter());
				ctx.getBeanFactory().registerSingleton(BareEngineLoad.NO_OP_BEAN, new BareEngineLoad.NoOpDelegate());
				ctx.getBeanFactory().registerSingleton("benchmarkJobCounter", new JobCounter());
				// the outbox phase's listener, the way the event publication registry would record outbound events
				((GenericApplicationContext) ctx).registerBean(OutboxLoad.RegistryListener.class);
			})
			.run(arguments(settings, nodes));
		BenchmarkApplication application = new BenchmarkApplication(settings, context);
		application.createFixture();
		return application;
	}

	/**
	 * Orderflow's production configuration plus what a benchmark needs. Command-line arguments outrank
	 * application.yml; a system property of the same name (-D…, e.g. through -Dbenchmark.jvmArgs) wins
	 * over the benchmark's choice, so any setting can be tried without editing code. The connections of
	 * {@code -Dbenchmark.db.pool} are shared among the {@code nodes}, so that the database serves as many
	 * either way (and a shared server's connection limit is not exhausted by the second node).
	 */
	static String[] arguments(BenchmarkSettings settings, int nodes) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("ORDERFLOW_DB_URL", settings.jdbcUrl());
		properties.put("ORDERFLOW_DB_USER", settings.dbUser());
		properties.put("ORDERFLOW_DB_PASSWORD", settings.dbPassword());
		// ORDERFLOW_ADMIN_PASSWORD in the environment becomes this property
		properties.put("orderflow.admin.password", UUID.randomUUID().toString());
		properties.put("server.port", "0");
		properties.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(Math.max(2, settings.hikariPoolSize() / nodes)));
		properties.put("camunda.bpm.job-execution.enabled", "true");
		properties.put("orderflow.scheduling.enabled", "true");
		// the production profile refuses the sandboxes unless told; the benchmark measures Orderflow with them
		properties.put("orderflow.payment.allow-sandbox", "true");
		properties.put("orderflow.delivery.allow-sandbox", "true");
		// the webhook phase's receiver runs on this machine
		properties.put("orderflow.webhooks.allow-private-targets", "true");
		// the application's log goes to a file; the console is the benchmark's
		properties.put("logging.file.name", LOG_FILE.toString());
		properties.put("logging.threshold.console", "OFF");
		List<String> arguments = new ArrayList<>();
		properties.forEach((name, value) -> {
			if (System.getProperty(name) == null) {
				arguments.add("--" + name + "=" + value);
			}
		});
		return arguments.toArray(String[]::new);
	}

	private static void recreateDatabase(BenchmarkSettings settings) {
		String server = "jdbc:postgresql://" + settings.dbHost() + "/postgres";
		try (Connection connection = DriverManager.getConnection(server, settings.dbUser(), settings.dbPassword());
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + settings.dbName() + " with (force)");
			statement.execute("create database " + settings.dbName());
		}
		catch (SQLException e) {
			throw new IllegalStateException("The benchmark needs PostgreSQL on " + settings.dbHost() + " (user "
					+ settings.dbUser() + "; set -Dbenchmark.db.host/.user/.password): " + e.getMessage(), e);
		}
	}

	/** An integrator, the catalog and locations that each stock every SKU plentifully. */
	private void createFixture() {
		IdentityService identity = engine().getIdentityService();
		User user = identity.newUser(INTEGRATOR);
		user.setFirstName("Benchmark");
		user.setLastName("Integrator");
		user.setPassword(integratorPassword);
		identity.saveUser(user);
		identity.createMembership(INTEGRATOR, "integrators");

		Inventory inventory = context.getBean(Inventory.class);
		for (int i = 1; i <= settings.skus(); i++) {
			String sku = String.format("BENCH-SKU-%03d", i);
			inventory.saveProduct(new Product(sku, "Benchmark product " + i, true));
			skus.add(sku);
		}
		String[][] places = { { "Berlin", "52.520008", "13.404954" }, { "Hamburg", "53.551086", "9.993682" },
				{ "Munich", "48.137154", "11.576124" }, { "Cologne", "50.937531", "6.960279" },
				{ "Frankfurt", "50.110924", "8.682127" } };
		for (int l = 0; l < settings.locations(); l++) {
			String[] place = places[l % places.length];
			String id = "BENCH-WH-" + (l + 1);
			inventory.saveLocation(new Location(id, "Benchmark warehouse " + place[0], LocationType.WAREHOUSE, l + 1, "DE",
					new BigDecimal(place[1]), new BigDecimal(place[2]), true));
			for (String sku : skus) {
				inventory.setOnHand(id, sku, 10_000_000);
			}
		}
	}

	RestClient integrator() {
		return new RestClient(port(), INTEGRATOR, integratorPassword);
	}

	int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	ProcessEngine engine() {
		return context.getBean(ProcessEngine.class);
	}

	/** Orderflow's application events, as its services publish them. */
	ApplicationEventPublisher publisher() {
		return context;
	}

	/** One of Orderflow's beans, for the phases that call Orderflow's services directly. */
	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(context.getBean(DataSource.class));
	}

	List<String> skus() {
		return List.copyOf(skus);
	}

	/** The settings that decide throughput, as the running application has them. */
	Map<String, Object> configuration() {
		Map<String, Object> configuration = new LinkedHashMap<>();
		DataSource dataSource = context.getBean(DataSource.class);
		if (dataSource instanceof HikariDataSource hikari) {
			configuration.put("hikariMaximumPoolSize", hikari.getMaximumPoolSize());
		}
		ProcessEngineConfigurationImpl engineConfiguration = (ProcessEngineConfigurationImpl) engine()
			.getProcessEngineConfiguration();
		configuration.put("historyLevel", engineConfiguration.getHistory());
		JobExecutor jobExecutor = engineConfiguration.getJobExecutor();
		configuration.put("jobExecutorActive", jobExecutor != null && jobExecutor.isActive());
		if (jobExecutor != null) {
			configuration.put("jobExecutorMaxJobsPerAcquisition", jobExecutor.getMaxJobsPerAcquisition());
			configuration.put("jobExecutorWaitTimeMillis", jobExecutor.getWaitTimeInMillis());
			configuration.put("jobExecutorMaxWaitMillis", jobExecutor.getMaxWait());
			configuration.put("jobExecutorLockTimeMillis", jobExecutor.getLockTimeInMillis());
			if (jobExecutor instanceof SpringJobExecutor spring
					&& spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
				configuration.put("jobExecutorCorePoolSize", pool.getCorePoolSize());
				configuration.put("jobExecutorMaxPoolSize", pool.getMaxPoolSize());
				configuration.put("jobExecutorQueueCapacity", pool.getQueueCapacity());
			}
		}
		configuration.put("jobExecutorDeploymentAware", engineConfiguration.isJobExecutorDeploymentAware());
		return configuration;
	}

	@Override
	public void close() {
		context.close();
	}

	/** Leaves everything compiled from src/test/java out of Orderflow's component scan. */
	static final class ExcludeTestClassesFilter extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			Resource resource = reader.getResource();
			return resource.getURL().toString().contains("/test-classes/");
		}

		@Override
		public boolean equals(Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
