package io.orderflow.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys for integrations (docs/security.md, "API keys"): issued once by an administrator, used as
 * {@code Bearer} on /api and /engine-rest, listed without their secret, revoked, expired and rotated with an
 * overlap; never locked out by wrong passwords; wrong keys from one address slowed with 429. Requests that
 * must come "from elsewhere" are sent from a loopback address of their own (127.0.0.x), so that the count
 * of failures per address does not touch the other tests.
 */
abstract class ApiKeyTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Value("${orderflow.admin.user-id}")
	String adminUser;

	@Value("${orderflow.admin.password}")
	String adminPassword;

	ApiClient admin;

	@BeforeEach
	void setUp() {
		ProcessEngines.registerProcessEngine(engine);
		admin = ApiClient.on(port).withCredentials(adminUser, adminPassword);
	}

	@Test
	void anAdministratorIssuesAKeyThatIsShownOnceAndListedWithoutItsSecret() {
		Response issued = issue("shopfront-" + suffix(), List.of(OrderProcess.Groups.INTEGRATORS));

		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		String key = issued.json().path("key").asText();
		String id = issued.json().path("apiKey").path("id").asText();
		assertThat(key).startsWith("of_").hasSizeGreaterThan(50);

		Response listed = admin.get("/api/api-keys");
		Response one = admin.get("/api/api-keys/" + id);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).contains(id).doesNotContain(key.substring(16));
		assertThat(one.body()).doesNotContain(key.substring(16));
		assertThat(jdbc.sql("select secret_hash from api_key where id = :id").param("id", UUID.fromString(id))
			.query(String.class).single()).doesNotContain(key.substring(16)).hasSize(64);
	}

	@Test
	void aKeyWorksOnTheApiAndOnEngineRestWithItsGroups() throws Exception {
		String key = issue("erp-" + suffix(), List.of(OrderProcess.Groups.INTEGRATORS)).json().path("key").asText();

		HttpResponse<String> created = bearer(key, HttpRequest.newBuilder(uri("/api/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(TestOrders.valid()))));
		HttpResponse<String> started = bearer(key, HttpRequest.newBuilder(
				uri("/engine-rest/process-definition/key/" + OrderProcess.LifecycleProcess.KEY + "/start"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variables",
					Map.of(OrderProcess.LifecycleProcess.Variables.ORDER, Map.of("value", JSON.writeValueAsString(TestOrders.valid()),
							"type", "Json")))))));
		String instance = JSON.readTree(started.body()).path("id").asText();
		HttpResponse<String> readBack = bearer(key,
				HttpRequest.newBuilder(uri("/engine-rest/process-instance/" + instance)).GET());
		HttpResponse<String> keys = bearer(key, HttpRequest.newBuilder(uri("/api/api-keys")).GET());

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		assertThat(readBack.statusCode()).as("the starter reads its own instance: " + readBack.body()).isEqualTo(200);
		assertThat(keys.statusCode()).as("an integrator's key cannot manage keys").isEqualTo(403);
	}

	@Test
	void aRevokedAnExpiredAndAnUnknownKeyAre401() throws Exception {
		String revoked = issue("revoked-" + suffix(), List.of(OrderProcess.Groups.INTEGRATORS)).json().path("key").asText();
		JsonNode expiring = issue("expired-" + suffix(), List.of(OrderProcess.Groups.INTEGRATORS)).json();
		admin.delete("/api/api-keys/" + idOf(revoked));
		jdbc.sql("update api_key set expires_at = :past where id = :id")
			.param("past", OffsetDateTime.now().minusMinutes(1))
			.param("id", UUID.fromString(expiring.path("apiKey").path("id").asText()))
			.update();

		for (String key : List.of(revoked, expiring.path("key").asText(), "of_nothing_" + "x".repeat(43))) {
			HttpResponse<String> refused = bearer(key, HttpRequest.newBuilder(uri("/api/orders")).GET());
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
			assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		}
	}

	@Test
	void aRotatedKeyWorksBesideItsSuccessorForTheOverlapOnly() throws Exception {
		String old = issue("rotating-" + suffix(), List.of(OrderProcess.Groups.INTEGRATORS)).json().path("key").asText();

		Response rotated = admin.post("/api/api-keys/" + idOf(old) + "/rotation", Map.of("overlap", "PT1H"));
		String successor = rotated.json().path("key").asText();

		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
		assertThat(bearer(old, HttpRequest.newBuilder(uri("/api/orders")).GET()).statusCode()).isEqualTo(200);
		assertThat(bearer(successor, HttpRequest.newBuilder(uri("/api/orders")).GET()).statusCode()).isEqualTo(200);

		Response again = admin.post("/api/api-keys/" + idOf(successor) + "/rotation", Map.of("overlap", "PT0S"));
		assertThat(again.status()).isEqualTo(201);
		assertThat(bearer(successor, HttpRequest.newBuilder(uri("/api/orders")).GET()).statusCode())
			.as("no overlap: the rotated key stops at once").isEqualTo(401);
		assertThat(bearer(again.json().path("key").asText(), HttpRequest.newBuilder(uri("/api/orders")).GET())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void badRequestsNameEveryFieldAndOnlyAdministratorsManageKeys() {
		Response invalid = admin.post("/api/api-keys",
				Map.of("name", "Not A Name", "groups", List.of("no-such-group"), "expiresAt", "2000-01-01T00:00:00Z"));
		Response tooLong = admin.post("/api/api-keys", Map.of("name", "ok", "groups", List.of("integrators"),
				"expiresAt", OffsetDateTime.now().plusYears(5).toString()));
		Response badOverlap = admin.post("/api/api-keys/" + UUID.randomUUID() + "/rotation", Map.of("overlap", "soon"));

		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
		assertThat(invalid.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "groups",
				"expiresAt");
		assertThat(tooLong.json().path("errors").findValuesAsText("field")).containsExactly("expiresAt");
		assertThat(badOverlap.status()).isEqualTo(422);
		assertThat(ApiClient.on(port).as("integrator").get("/api/api-keys").status()).isEqualTo(403);
		assertThat(ApiClient.on(port).as("agent").post("/api/api-keys", Map.of("name", "x")).status()).isEqualTo(403);
		assertThat(ApiClient.on(port).get("/api/api-keys").status()).isEqualTo(401);
	}

	@Test
	void anUnknownKeyIsANotFoundProblem() {
		// Given an id no key has
		String path = "/api/api-keys/" + UUID.randomUUID();

		// When an administrator reads, revokes or rotates it
		List<Response> answers = List.of(admin.get(path), admin.delete(path),
				admin.post(path + "/rotation", Map.of("overlap", "PT1H")));

		// Then each is a 404 problem naming the key, not an empty answer
		assertThat(answers).allSatisfy(answer -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.json().path("detail").asText()).startsWith("No API key ");
		});
	}

	@Test
	void wrongPasswordsFromElsewhereLockTheUserOutButNotTheIntegrationsKey() throws Exception {
		String user = "locked-by-stranger-" + suffix();
		IdentityService identity = engine.getIdentityService();
		String password = "right-pw-" + suffix();
		User locked = identity.newUser(user);
		locked.setPassword(password);
		identity.saveUser(locked);
		identity.createMembership(user, OrderProcess.Groups.INTEGRATORS);
		String key = issue("stranger-proof-" + suffix(), List.of(OrderProcess.Groups.INTEGRATORS)).json()
			.path("key")
			.asText();

		for (int attempt = 0; attempt < 12; attempt++) {
			rawGet("127.0.0.31", "/api/orders", "Basic " + base64(user + ":wrong"));
		}

		assertThat(rawGet("127.0.0.1", "/api/orders", "Basic " + base64(user + ":" + password))).startsWith("HTTP/1.1 401");
		assertThat(bearer(key, HttpRequest.newBuilder(uri("/api/orders")).GET()).statusCode())
			.as("the key still works").isEqualTo(200);
	}

	@Test
	void wrongKeysFromOneAddressAreSlowedWith429AndRetryAfter() throws Exception {
		String address = "127.0.0.32";
		String last = "";
		for (int attempt = 0; attempt < 25; attempt++) {
			last = rawGet(address, "/api/orders", "Bearer of_guess_" + attempt);
		}
		String key = issue("elsewhere-" + suffix(), List.of(OrderProcess.Groups.INTEGRATORS)).json().path("key").asText();

		assertThat(last).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:");
		assertThat(rawGet(address, "/api/orders", "Bearer " + key)).as("the blocked address is not even checked")
			.startsWith("HTTP/1.1 429");
		assertThat(bearer(key, HttpRequest.newBuilder(uri("/api/orders")).GET()).statusCode())
			.as("another address is not slowed").isEqualTo(200);
	}

	// helpers ------------------------------------------------------------------------------------

	private Response issue(String name, List<String> groups) {
		return admin.post("/api/api-keys",
				Map.of("name", name, "groups", groups, "expiresAt", OffsetDateTime.now().plusDays(30).toString()));
	}

	private String idOf(String key) {
		String lookup = key.substring(3, key.indexOf('_', 3));
		return jdbc.sql("select id from api_key where lookup_id = :lookup")
			.param("lookup", lookup)
			.query(String.class)
			.single();
	}

	private HttpResponse<String> bearer(String key, HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A GET sent from a loopback address of the test's choosing; the status line and headers. */
	private String rawGet(String fromAddress, String path, String authorization) throws IOException {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(fromAddress),
				0)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			StringBuilder head = new StringBuilder();
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				head.append(line).append('\n');
			}
			return head.toString();
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
