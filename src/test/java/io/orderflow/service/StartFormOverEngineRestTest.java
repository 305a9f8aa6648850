package io.orderflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.orderflow.OrderProcess;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A start form's request over {@code /engine-rest} (what Tasklist does, and what an integrator may do): one
 * that breaks a rule is a 400 naming every invalid field, in the message by the form's labels, and starts
 * nothing.
 */
@H2Test
class StartFormOverEngineRestTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Test
	void anInvalidStartFormIs400NamingEveryFieldAndStartsNothing() {
		long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

		Response refused = ApiClient.on(port)
			.as("agent")
			.post("/engine-rest/process-definition/key/" + OrderProcess.CancellationProcess.KEY + "/submit-form",
					Map.of("variables", Map.of("cancellationOrderNumber", Map.of("value", "OF-NO-SUCH"), "cancellationLines",
							Map.of("value", "1:1"))));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().path("type").asText()).isEqualTo("InvalidRequestException");
		assertThat(refused.json().path("message").asText()).contains("The cancellation was not started")
			.contains("Order number: no order OF-NO-SUCH")
			.contains("Reason: is required");
		assertThat(refused.json().path("violations").findValuesAsText("field")).contains("cancellationOrderNumber",
				"cancellationReason");
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
	}

	@Test
	void aWarehouseUserMayNotStartACancellation() {
		Response denied = ApiClient.on(port)
			.as("warehouse")
			.post("/engine-rest/process-definition/key/" + OrderProcess.CancellationProcess.KEY + "/submit-form",
					Map.of("variables", Map.of("cancellationOrderNumber", Map.of("value", "OF-NO-SUCH"))));

		assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
	}

}
