package io.orderflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.TestFixture;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Small requests that would cost a lot, and malformed ones: each is answered with a problem+json 4xx
 * naming the field, quickly, and changes nothing (docs/security.md, "Hostile input"). The one-second bound
 * is a refusal check (the finding took 32 to 58 s), not a benchmark.
 */
abstract class HostileInputTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	@BeforeEach
	void setUp() {
		ProcessEngines.registerProcessEngine(engine);
		api = ApiClient.on(port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"1E+20000000\"", "1E+20000000", "\"1E+999999999\"", "1E+999999999", "1E-999999999",
			"\"1E+99999999999\"", "123456789012345678901234567890", "0.00000000000000000001" })
	void anUnboundedAmountIsRefusedAtOnceNamingTheField(String amount) {
		UUID order = submitOrder();
		long adjustments = adjustments(order);

		long started = System.nanoTime();
		Response refused = api.as("integrator")
			.post("/api/orders/" + order + "/adjustments",
					"{\"lineNumber\": 1, \"amount\": " + amount + ", \"reason\": \"goodwill\"}");
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("amount");
		assertThat(refused.body()).doesNotContain("java.", "BigDecimal", "Jackson", "Exception");
		assertThat(millis).as("answered in ms").isLessThan(1000);
		assertThat(adjustments(order)).isEqualTo(adjustments);
	}

	@Test
	void aHostileAmountDoesNotHoldUpAnotherRequestOnTheSameOrder() throws Exception {
		UUID order = submitOrder();

		CompletableFuture<Response> hostile = CompletableFuture.supplyAsync(() -> api.as("integrator")
			.post("/api/orders/" + order + "/adjustments",
					"{\"lineNumber\": 1, \"amount\": \"1E+20000000\", \"reason\": \"goodwill\"}"));
		Response honest = api.as("integrator")
			.post("/api/orders/" + order + "/adjustments", Map.of("lineNumber", 1, "amount", "1.00", "reason", "goodwill"));

		assertThat(honest.status()).as(honest.toString()).isEqualTo(202);
		assertThat(hostile.get(5, TimeUnit.SECONDS).status()).isEqualTo(400);
	}

	@ParameterizedTest
	@CsvSource({ "/api/orders, externalReference", "/api/orders/%s/cancellations, reason",
			"/api/orders/%s/returns, note", "/api/orders/%s/adjustments, reason",
			"/api/fulfillment-orders/%s/events, eventId", "/api/returns/%s/events, eventId" })
	void aDuplicateKeyIsA400NamingIt(String path, String field) {
		UUID order = submitOrder();

		Response refused = api.as("integrator")
			.post(path.formatted(order), "{\"" + field + "\": \"a\", \"" + field + "\": \"b\"}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly(field);
		assertThat(refused.body()).doesNotContain("java.", "Jackson", "Exception", "Feature");
	}

	@Test
	void engineRestRefusesADuplicateKeyAndAHugeNumberAndStartsNothing() {
		String start = "/engine-rest/process-definition/key/OrderLifecycle/start";
		long before = lifecycles();

		Response duplicate = api.as("integrator")
			.post(start, "{\"variables\": {}, \"businessKey\": \"a\", \"businessKey\": \"b\"}");
		Response huge = api.as("integrator")
			.post(start, "{\"variables\": {\"order\": {\"value\": 1" + "0".repeat(5000) + "}}}");

		assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(400);
		assertThat(duplicate.json().path("violations").findValuesAsText("field")).containsExactly("businessKey");
		assertThat(duplicate.json().path("violations").findValuesAsText("message")).containsExactly(
				"appears more than once");
		assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
		assertThat(huge.body()).doesNotContain("java.", "Exception:");
		assertThat(lifecycles()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "multipart/form-data", "*/*", "text/plain", "application/x-www-form-urlencoded" })
	void aBodyThatIsNotJsonIsA415Problem(String contentType) throws Exception {
		UUID order = submitOrder();
		long adjustments = adjustments(order);

		HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(uri("/api/orders/" + order + "/adjustments"))
			.header("Authorization", basic("integrator"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString("{\"lineNumber\": 1, \"amount\": 1, \"reason\": \"x\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(415);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(adjustments(order)).isEqualTo(adjustments);
	}

	@Test
	void theErrorPageAskedForDirectlyIsA404Problem() throws Exception {
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/error")).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
		assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

	@Test
	void anUnknownApiPathIsStillA404AndAnUnreadableBodyStillA400() {
		assertThat(api.as("integrator").get("/api/no-such-thing").status()).isEqualTo(404);
		assertThat(api.as("integrator").post("/api/orders", "{\"externalReference\": ").status()).isEqualTo(400);
	}

	// helpers ------------------------------------------------------------------------------------

	private UUID submitOrder() {
		Response created = api.as("integrator").post("/api/orders", TestOrders.valid());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return UUID.fromString(created.json().path("id").asText());
	}

	private long adjustments(UUID order) {
		return jdbc.sql("select count(*) from adjustment where order_id = :id").param("id", order).query(Long.class).single();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + TestFixture.password(user)).getBytes(StandardCharsets.UTF_8));
	}

	private long lifecycles() {
		return jdbc.sql("select count(*) from act_hi_procinst where proc_def_key_ = 'OrderLifecycle'")
			.query(Long.class)
			.single();
	}

}
