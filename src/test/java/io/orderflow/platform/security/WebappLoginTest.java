package io.orderflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderProcess;
import io.orderflow.testsupport.H2Test;
import io.orderflow.testsupport.TestFixture;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Camunda webapps ({@code /camunda}) behind Orderflow's security: the pages are served, their
 * internal API needs a login, and the login works the way the Tasklist front end does it: fetch a page
 * to get a session and a CSRF token ({@code X-XSRF-TOKEN}), then post the form with the token.
 */
@H2Test
class WebappLoginTest {

	private static final String TASKLIST = "/camunda/app/tasklist/";

	private static final String LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";

	private static final String TASKS = "/camunda/api/engine/engine/default/task";

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identityService;

	@Autowired
	JdbcClient jdbc;

	@Value("${orderflow.admin.user-id}")
	String adminUser;

	/** A browser: keeps its cookies (the session) from one request to the next. */
	private HttpClient browser;

	@BeforeEach
	void setUp() {
		// the webapps find their engine by name in a registry shared by the whole JVM (see ApiSecurityTest)
		ProcessEngines.registerProcessEngine(engine);
		browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void theTasklistPageIsServed() throws Exception {
		// When: the browser opens Tasklist (and follows the redirect to the default engine's Tasklist)
		HttpResponse<String> page = get(TASKLIST);

		// Then
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).startsWith(TASKLIST);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).containsIgnoringCase("<html").containsIgnoringCase("tasklist");
		assertThat(csrfToken(page)).as("CSRF token for the front end").isPresent();
	}

	@Test
	void theWebappApiRefusesCallsWithoutLogin() throws Exception {
		HttpResponse<String> tasks = get(TASKS);

		assertThat(tasks.statusCode()).isIn(401, 403);
	}

	@Test
	void aServiceAgentLogsInToTasklistAndMayThenUseTheWebappApi() throws Exception {
		// Given: a session and its CSRF token, from the Tasklist page
		String csrfToken = csrfTokenFromTasklistPage();

		// When
		HttpResponse<String> login = login("agent", TestFixture.password("agent"), csrfToken);

		// Then
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		JsonNode user = JSON.readTree(login.body());
		assertThat(user.path("userId").asText()).isEqualTo("agent");
		assertThat(user.path("authorizedApps").toString()).contains("tasklist");
		HttpResponse<String> tasks = get(TASKS);
		assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
		assertThat(JSON.readTree(tasks.body()).isArray()).isTrue();
	}

	@Test
	void aWebappSessionDoesNotAuthenticateTheRestApis() throws Exception {
		// Given: an agent logged in to Tasklist; the browser holds the session cookie
		HttpResponse<String> login = login("agent", TestFixture.password("agent"), csrfTokenFromTasklistPage());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

		// When: the same browser calls the REST APIs without HTTP Basic credentials
		HttpResponse<String> orders = get("/api/orders");
		HttpResponse<String> engineRest = get("/engine-rest/task");

		// Then
		assertThat(orders.statusCode()).isEqualTo(401);
		assertThat(engineRest.statusCode()).isEqualTo(401);
	}

	@Test
	void aWrongPasswordIsRefused() throws Exception {
		String csrfToken = csrfTokenFromTasklistPage();

		HttpResponse<String> login = login("locked-integrator", "not-the-password", csrfToken);

		assertThat(login.statusCode()).isEqualTo(401);
		assertThat(get(TASKS).statusCode()).isIn(401, 403);
	}

	@Test
	void aUserWithoutAccessToTasklistCannotLogIn() throws Exception {
		// nobody is in no group, so has no authorization for the Tasklist application
		String csrfToken = csrfTokenFromTasklistPage();

		HttpResponse<String> login = login("nobody", TestFixture.password("nobody"), csrfToken);

		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(get(TASKS).statusCode()).isIn(401, 403);
	}

	@Test
	void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
		// Given: a session, but the token is not sent back
		csrfTokenFromTasklistPage();

		// When
		HttpResponse<String> login = login("agent", TestFixture.password("agent"), null);

		// Then
		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(get(TASKS).statusCode()).isIn(401, 403);
	}

	@Test
	void aTasklistSessionCannotMakeTheEngineEvaluateAnExpression() throws Exception {
		// Given: an agent logged in to Tasklist, and an expression that would create a table if evaluated
		HttpResponse<String> login = login("agent", TestFixture.password("agent"), csrfTokenFromTasklistPage());
		assertThat(login.statusCode()).isEqualTo(200);
		// the login starts a new session, with a token of its own
		String csrfToken = csrfToken(login).orElseGet(this::csrfTokenOfTheNewSession);
		String table = "PWNED_WEBAPP_" + System.nanoTime();
		String probe = "${jdbcClient.sql('create table " + table + " (x int)').update()}";

		// When: the webapps' own engine API is asked for tasks with the expression inside orQueries
		HttpResponse<String> tasks = post(TASKS, "{\"orQueries\": [{\"assigneeExpression\": \"" + probe + "\"}]}", csrfToken);

		// Then
		assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from INFORMATION_SCHEMA.TABLES where upper(TABLE_NAME) = :name")
			.param("name", table)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theAdminSetupStaysClosedEvenWhenTheAdministratorsGroupHasNoMembers() throws Exception {
		// Given: the one state in which the webapps would let anyone create an administrator
		String csrfToken = csrfTokenFromTasklistPage();
		identityService.deleteMembership(adminUser, OrderProcess.Groups.ADMINS);
		try {
			String intruder = "{\"profile\": {\"id\": \"intruder\", \"firstName\": \"I\", \"lastName\": \"N\"},"
					+ " \"credentials\": {\"password\": \"intruder-pw\"}}";
			for (String path : List.of("/camunda/api/admin/setup/default/user/create",
					"/camunda/api/admin/setup/default/user/create/", "/camunda/api/admin/setup/default/user/create?x=1",
					"/camunda/api/admin//setup/default/user/create", "/camunda/api/admin/setup/%64efault/user/create",
					"/camunda/api/admin/./setup/default/user/create")) {
				// When
				HttpResponse<String> setup = post(path, intruder, csrfToken);

				// Then
				assertThat(setup.statusCode()).as(path + ": " + setup.body()).isIn(400, 401, 403, 404);
				assertThat(identityService.createUserQuery().userId("intruder").count()).as(path).isZero();
			}
		}
		finally {
			identityService.createMembership(adminUser, OrderProcess.Groups.ADMINS);
		}
	}

	@Test
	void theSessionCookieIsSameSiteAndPagesSendAReferrerPolicy() throws Exception {
		// When: a first visit opens a session
		HttpResponse<String> page = get(TASKLIST);

		// Then
		List<String> cookies = new java.util.ArrayList<>();
		for (HttpResponse<?> r = page; r != null; r = r.previousResponse().orElse(null)) {
			cookies.addAll(r.headers().allValues("Set-Cookie"));
			assertThat(r.headers().firstValue("Referrer-Policy")).as(r.uri().toString()).hasValue("strict-origin-when-cross-origin");
		}
		assertThat(cookies).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).isNotEmpty().allSatisfy(
				cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));
	}

	private String csrfTokenOfTheNewSession() {
		try {
			return csrfTokenFromTasklistPage();
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private String csrfTokenFromTasklistPage() throws IOException, InterruptedException {
		HttpResponse<String> page = get(TASKLIST);
		assertThat(page.statusCode()).isEqualTo(200);
		return csrfToken(page)
			.orElseThrow(() -> new AssertionError("no X-XSRF-TOKEN header on " + TASKLIST + ": " + page.headers()));
	}

	/**
	 * The token Camunda's CSRF filter hands out with the first page of a session, in the
	 * {@code X-XSRF-TOKEN} header (and the {@code XSRF-TOKEN} cookie), on whichever response of the
	 * redirect chain created the session.
	 */
	private static Optional<String> csrfToken(HttpResponse<?> response) {
		for (HttpResponse<?> r = response; r != null; r = r.previousResponse().orElse(null)) {
			Optional<String> token = r.headers().firstValue("X-XSRF-TOKEN");
			if (token.isPresent()) {
				return token;
			}
		}
		return Optional.empty();
	}

	private HttpResponse<String> login(String user, String password, String csrfToken)
			throws IOException, InterruptedException {
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(LOGIN))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (csrfToken != null) {
			request.header("X-XSRF-TOKEN", csrfToken);
		}
		return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json, String csrfToken) throws IOException, InterruptedException {
		return browser.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", csrfToken)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return browser.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json, text/html")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
