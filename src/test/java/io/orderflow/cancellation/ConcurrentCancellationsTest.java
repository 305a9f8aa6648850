package io.orderflow.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.OrderProcess.CancellationProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.AllAtOnce;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Many cancellations of one order at once, over REST, their processes run by several job executor threads at
 * once: each reduction of the authorization is made on what the last one left, so no job fails and the
 * authorization ends holding exactly what is left to charge. Runs on H2 and on PostgreSQL (see the subclasses).
 */
abstract class ConcurrentCancellationsTest extends ServiceApiTest {

	static final int ORDERED = 24;

	static final int CANCELLATIONS = 20;

	ConcurrentCancellationsTest() {
		super("CCX", "Concurrent cancellations", "4.90");
	}

	@Test
	void twentyCancellationsOfOneUnitAtOnceFailNoJobAndLeaveTheAuthorizationAtWhatIsLeft() throws Exception {
		// Given an order of 24 × 5.00 (+19 %) and 4.90 shipping, allocated and released to its location
		inventory.setOnHand(location, sku, ORDERED + 6);
		String orderId = submitOf(ORDERED);
		Jobs.runDue(engine);
		JsonNode released = integrator.get("/api/orders/" + orderId).json();
		assertThat(released.path("lines").get(0).path("quantities").path("allocated").asInt()).isEqualTo(ORDERED);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(orderId))).singleElement()
			.satisfies(fo -> assertThat(fo.status().name()).isEqualTo("RELEASED"));
		assertThat(authorized(orderId)).isEqualByComparingTo("147.70");

		// When 20 integrator requests cancel one unit each at the same time, each with its own Idempotency-Key
		List<Response> answers = AllAtOnce.run(CANCELLATIONS, n -> integrator.header("Idempotency-Key",
				"ccx-" + run + "-" + n).post("/api/orders/" + orderId + "/cancellations",
						Map.of("lines", List.of(Map.of("lineNumber", 1, "quantity", 1)), "reason", "request " + n)));
		assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(202));
		assertThat(answers.stream().map(answer -> answer.json().path("id").asText()).distinct()).hasSize(CANCELLATIONS);

		// And their processes run on 4 threads at once, any review approved by an agent
		List<Exception> failures = runAllApprovingReviews(orderId);

		// Then no job failed, now or on the way
		assertThat(failures).as("failed job executions").isEmpty();
		assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
		assertThat(failureLogs(orderId)).as("failures in the job log").isEmpty();
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();

		// And every cancellation canceled its unit: 20 canceled, 4 left at the location
		assertThat(answers).allSatisfy(answer -> assertThat(integrator.get("/api/cancellations/"
				+ answer.json().path("id").asText()).json().path("status").asText()).isEqualTo("CANCELED"));
		JsonNode quantities = integrator.get("/api/orders/" + orderId).json().path("lines").get(0).path("quantities");
		assertThat(quantities.path("canceled").asInt()).isEqualTo(CANCELLATIONS);
		assertThat(quantities.path("allocated").asInt()).isEqualTo(ORDERED - CANCELLATIONS);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(orderId))).extracting(FulfillmentOrder::quantity)
			.containsExactly(ORDERED - CANCELLATIONS);

		// And one authorization is open, for exactly what is left to charge: 4 × 5.00 + 19 % + 4.90 shipping
		JsonNode payments = integrator.get("/api/orders/" + orderId + "/payments").json();
		assertThat(StreamSupport.stream(payments.path("authorizations").spliterator(), false)
			.filter(a -> a.path("status").asText().equals("AUTHORIZED"))).singleElement()
			.satisfies(open -> assertThat(new BigDecimal(open.path("amount").asText())).isEqualByComparingTo("28.70"));
		assertThat(authorized(orderId)).isEqualByComparingTo("28.70");
		assertThat(payments.path("reconciles").asBoolean()).isTrue();
		assertThat(StreamSupport.stream(payments.path("transactions").spliterator(), false)
			.filter(t -> t.path("status").asText().equals("FAILED"))).as("failed calls to the provider").isEmpty();
	}

	/**
	 * Submits an order of {@code quantity} × 5.00 (+19 %) and 4.90 shipping over REST, under the risk review's
	 * limit for a new customer; no jobs run. Returns its id.
	 */
	String submitOf(int quantity) {
		Map<String, Object> order = TestOrders.valid();
		order.put("lines", List.of(TestOrders.map("sku", sku, "name", "API product", "quantity", quantity, "unitPrice",
				"5.00", "taxRate", "0.19")));
		Response response = integrator.post("/api/orders", order);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("id").asText();
	}

	/** Runs the jobs on 4 threads; approves the review tasks they make, until there is nothing left to do. */
	List<Exception> runAllApprovingReviews(String orderId) {
		String orderNumber = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();
		List<Exception> failures = new ArrayList<>(Jobs.runDueInParallel(engine, 4));
		for (int round = 0; round < CANCELLATIONS; round++) {
			List<Task> reviews = engine.getTaskService()
				.createTaskQuery()
				.processInstanceBusinessKey(orderNumber)
				.taskDefinitionKey(CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION)
				.list();
			if (reviews.isEmpty()) {
				return failures;
			}
			engine.getIdentityService().setAuthentication("agent", List.of("service-agents"));
			try {
				for (Task review : reviews) {
					engine.getTaskService().complete(review.getId(),
							Map.of("cancellationDecision", "APPROVE", "decisionNote", "customer called"));
				}
			}
			finally {
				engine.getIdentityService().clearAuthentication();
			}
			failures.addAll(Jobs.runDueInParallel(engine, 4));
		}
		return failures;
	}

	/** The failures the engine logged for the jobs of the order's process instances. */
	List<String> failureLogs(String orderId) {
		String orderNumber = integrator.get("/api/orders/" + orderId).json().path("orderNumber").asText();
		List<String> logs = new ArrayList<>();
		for (HistoricProcessInstance instance : engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(orderNumber)
			.list()) {
			for (HistoricJobLog failure : engine.getHistoryService()
				.createHistoricJobLogQuery()
				.processInstanceId(instance.getId())
				.failureLog()
				.list()) {
				logs.add(failure.getActivityId() + ": " + failure.getJobExceptionMessage());
			}
		}
		return logs;
	}

	BigDecimal authorized(String orderId) {
		return new BigDecimal(integrator.get("/api/orders/" + orderId + "/payments").json().path("ledger")
			.path("authorized").asText());
	}

}
