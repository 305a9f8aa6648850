package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The business metrics as an operator's Prometheus scrapes them: Given an order taken, shipped, captured and
 * delivered, Then /actuator/prometheus counts it as accepted on its channel, times each status it left, counts
 * the captured amount, and shows the orders per status, the stuck ones, open tasks and incidents; only an
 * administrator reads it. (Spring Boot's tests export no metrics unless asked: this context asks.)
 */
@H2Test
@AutoConfigureObservability(tracing = false)
class OrderMetricsH2Test extends ServiceApiTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	TestClock clock;

	@Value("${orderflow.admin.user-id}")
	String admin;

	@Value("${orderflow.admin.password}")
	String adminPassword;

	OrderMetricsH2Test() {
		super("MET", "Metrics", "0.00");
	}

	@AfterEach
	void clockBack() {
		clock.reset();
	}

	@Test
	void aDeliveredOrderIsCountedTimedAndShownInItsStatus() {
		// Given an order delivered, and one just taken
		deliveredOrder(1);
		submit(1);

		// When the figures are read two hours later
		clock.advance(Duration.ofHours(2));
		refresh();
		Response scrape = ApiClient.on(port).withCredentials(admin, adminPassword).header("Accept", "text/plain").get("/actuator/prometheus");
		assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
		String metrics = scrape.body();

		// Then the delivered order was accepted on its channel, timed in each status it left, its money counted
		assertThat(value(metrics, "orderflow_orders_accepted_total", "channel=\"WEB\"")).isGreaterThanOrEqualTo(2);
		assertThat(value(metrics, "orderflow_orders_stage_duration_seconds_count", "stage=\"RECEIVED\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "orderflow_orders_stage_duration_seconds_count", "stage=\"ALLOCATED\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "orderflow_orders_stage_duration_seconds_count", "stage=\"SHIPPED\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "orderflow_payments_captured_total", "currency=\"EUR\"")).isGreaterThanOrEqualTo(14.875);
		// and the orders per status, the one left RECEIVED for two hours as stuck, tasks and incidents are shown
		assertThat(value(metrics, "orderflow_orders", "status=\"DELIVERED\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "orderflow_orders_stuck", "status=\"RECEIVED\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "orderflow_tasks_open", "group=\"service-agents\"")).isGreaterThanOrEqualTo(0);
		assertThat(value(metrics, "orderflow_incidents_open", "")).isZero();
		// and the requests are timed, but not every security filter inside them
		assertThat(value(metrics, "http_server_requests_seconds_count", "uri=\"/api/orders\"")).isGreaterThanOrEqualTo(2);
		assertThat(metrics).doesNotContain("spring_security_");
	}

	@Test
	void onlyAnAdministratorReadsTheMetrics() {
		assertThat(integrator.get("/actuator/prometheus").status()).isEqualTo(403);
		assertThat(ApiClient.on(port).get("/actuator/prometheus").status()).isEqualTo(401);
	}

	private void refresh() {
		ReflectionTestUtils.invokeMethod(context.getBean("orderMetrics"), "refresh");
		ReflectionTestUtils.invokeMethod(context.getBean("engineMetrics"), "refresh");
	}

	/** The value of the line of {@code metric} with {@code label} (fails when there is none). */
	private static double value(String scrape, String metric, String label) {
		return Arrays.stream(scrape.split("\n"))
			.filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
			.filter(line -> line.contains(label))
			.map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + metric + " " + label + " in the scrape"));
	}

}
