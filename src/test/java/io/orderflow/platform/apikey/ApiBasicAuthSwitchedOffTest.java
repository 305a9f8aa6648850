package io.orderflow.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.orderflow.OrderProcess;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.H2Test;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** {@code orderflow.security.api-basic-auth=false}: the APIs take API keys only; passwords are refused. */
@H2Test
@TestPropertySource(properties = "orderflow.security.api-basic-auth=false")
class ApiBasicAuthSwitchedOffTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	ApiKeys apiKeys;

	@Test
	void aPasswordIsRefusedAndAKeyWorks() throws Exception {
		ProcessEngines.registerProcessEngine(engine);
		String key = apiKeys.issue(new ApiKeyRequest("basic-off", List.of(OrderProcess.Groups.INTEGRATORS),
				OffsetDateTime.now().plusDays(1)), "test").key();

		int withPassword = ApiClient.on(port).as("integrator").get("/api/orders").status();
		int engineWithPassword = ApiClient.on(port).as("integrator").get("/engine-rest/process-definition").status();
		HttpResponse<String> withKey = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders"))
				.header("Authorization", "Bearer " + key)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(withPassword).isEqualTo(401);
		assertThat(engineWithPassword).isEqualTo(401);
		assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(200);
	}

}
