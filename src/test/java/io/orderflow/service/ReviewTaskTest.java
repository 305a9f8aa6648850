package io.orderflow.service;

import static io.orderflow.OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.orderflow.cancellation.Cancellation;
import io.orderflow.cancellation.CancellationStatus;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.order.Order;
import io.orderflow.order.TimelineEntry;
import io.orderflow.order.TimelineType;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The "Review cancellation" task as agents meet it: in their group's Tasklist filter, only for their
 * group, and decided once however often it is completed (two agents, a double click).
 */
class ReviewTaskTest extends ServiceScenario {

	@Autowired
	Cancellations cancellations;

	@LocalServerPort
	int port;

	ReviewTaskTest() {
		super("REV", "Review", "review");
	}

	@Test
	void theReviewTaskIsCountedAndListedInTheServiceAgentsFilterOnly() throws Exception {
		Review review = reviewTask();
		Filter filter = engine.getFilterService()
			.createTaskFilterQuery()
			.filterName("Cancellations to review")
			.singleResult();

		engine.getIdentityService().setAuthentication("agent", List.of("service-agents"));
		assertThat(engine.getFilterService().count(filter.getId())).isEqualTo(1);
		assertThat(engine.getFilterService().<Task>list(filter.getId())).extracting(Task::getId)
			.containsExactly(review.task().getId());

		// a fraud analyst may not use the service agents' filter
		engine.getIdentityService().setAuthentication("analyst", List.of("fraud-analysts"));
		assertThatThrownBy(() -> engine.getFilterService().count(filter.getId()))
			.isInstanceOf(AuthorizationException.class);
	}

	@Test
	void twoAgentsCompletingTheSameTaskAtOnceDecideOnce() throws Exception {
		Review review = reviewTask();

		// When: two agents complete it at the same moment
		CountDownLatch start = new CountDownLatch(1);
		CompletableFuture<Object> first = completeAsync(review.task(), "agent", start);
		CompletableFuture<Object> second = completeAsync(review.task(), "agent2", start);
		start.countDown();
		List<Object> outcomes = java.util.Arrays.asList(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
		Jobs.runDue(engine);

		// Then: one completion went through, the other failed and was rolled back (mostly the engine's
		// optimistic lock; when the loser's delegates already ran into the winner's rows, the engine's error
		// propagation may fail on its own instead, with another runtime exception)
		assertThat(outcomes).filteredOn(outcome -> outcome == null).hasSize(1);
		assertThat(outcomes).filteredOn(outcome -> outcome != null)
			.singleElement()
			.isInstanceOf(RuntimeException.class);
		decidedOnce(review);
	}

	@Test
	void aTaskCompletedAgainAfterwardsIsRefusedAndChangesNothing() throws Exception {
		Review review = reviewTask();
		complete(review.task(), "agent");

		assertThatThrownBy(() -> complete(review.task(), "agent2")).isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining(review.task().getId());
		Jobs.runDue(engine);

		decidedOnce(review);
	}

	@Test
	void throughEngineRestASecondCompletionIsRefusedAndChangesNothing() throws Exception {
		Review review = reviewTask();
		ApiClient agent = ApiClient.on(port).as("agent");
		String complete = "/engine-rest/task/" + review.task().getId() + "/complete";
		Map<String, Object> body = Map.of("variables", Map.of("cancellationDecision", Map.of("value", "APPROVE"),
				"decisionNote", Map.of("value", "customer called")));

		ApiClient.Response once = agent.post(complete, body);
		ApiClient.Response twice = agent.post(complete, body);
		Jobs.runDue(engine);

		assertThat(once.status()).as(once.toString()).isEqualTo(204);
		// engine-rest alone would answer 500 here; Orderflow answers that the task is gone
		assertThat(twice.status()).as(twice.toString()).isEqualTo(404);
		assertThat(twice.contentType()).startsWith("application/problem+json");
		assertThat(twice.json().path("type").asText()).isEqualTo("urn:orderflow:problem:task-gone");
		decidedOnce(review);
	}

	@Test
	void throughEngineRestADecisionTheFormDoesNotOfferIs400AndChangesNothing() throws Exception {
		Review review = reviewTask();
		ApiClient agent = ApiClient.on(port).as("agent");
		String complete = "/engine-rest/task/" + review.task().getId() + "/complete";

		ApiClient.Response maybe = agent.post(complete,
				Map.of("variables", Map.of("cancellationDecision", Map.of("value", "MAYBE"))));
		ApiClient.Response none = agent.post(complete, Map.of("variables", Map.of()));

		// Then both are refused naming the decision and what it may be, and the task is still open
		for (ApiClient.Response refused : List.of(maybe, none)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.json().path("violations").get(0).path("field").asText()).isEqualTo("cancellationDecision");
			assertThat(refused.json().path("violations").get(0).path("message").asText()).contains("APPROVE, REJECT");
		}
		assertThat(engine.getTaskService().createTaskQuery().taskId(review.task().getId()).count()).isOne();
		assertThat(decisions(review.order())).isEmpty();

		// And a decision it offers goes through
		assertThat(agent.post(complete, Map.of("variables", Map.of("cancellationDecision", Map.of("value", "APPROVE"))))
			.status()).isEqualTo(204);
		Jobs.runDue(engine);
		decidedOnce(review);
	}

	@Test
	void warehouseStaffCanNeitherSeeNorCompleteAServiceAgentsTask() throws Exception {
		Review review = reviewTask();
		String taskId = review.task().getId();
		ApiClient warehouse = ApiClient.on(port).as("warehouse");
		ApiClient agent = ApiClient.on(port).as("agent");

		ApiClient.Response seenByWarehouse = warehouse.get("/engine-rest/task?processInstanceId=" + review.processInstanceId());
		ApiClient.Response seenByAgent = agent.get("/engine-rest/task?processInstanceId=" + review.processInstanceId());
		ApiClient.Response completedByWarehouse = warehouse.post("/engine-rest/task/" + taskId + "/complete",
				Map.of("variables", Map.of("cancellationDecision", Map.of("value", "APPROVE"))));

		assertThat(seenByWarehouse.status()).as(seenByWarehouse.toString()).isEqualTo(200);
		assertThat(seenByWarehouse.json()).isEmpty();
		assertThat(seenByAgent.json()).extracting(task -> task.path("id").asText()).containsExactly(taskId);
		assertThat(completedByWarehouse.status()).as(completedByWarehouse.toString()).isEqualTo(403);
		assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isEqualTo(1);
		assertThat(cancellations.find(review.cancellation().id()).orElseThrow().status())
			.isEqualTo(CancellationStatus.IN_REVIEW);
		assertThat(decisions(review.order())).isEmpty();
	}

	// --- helpers ------------------------------------------------------------------------------

	Review reviewTask() throws Exception {
		return Review.given(engine, capture, cancellations, inventory, fulfillmentOrders, run);
	}

	void complete(Task task, String user) {
		engine.getIdentityService().setAuthentication(user, List.of("service-agents"));
		try {
			engine.getTaskService()
				.complete(task.getId(), Map.of("cancellationDecision", "APPROVE", "decisionNote", "by " + user));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	CompletableFuture<Object> completeAsync(Task task, String user, CountDownLatch start) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				start.await(10, TimeUnit.SECONDS);
				complete(task, user);
				return null;
			}
			catch (Exception e) {
				return e;
			}
		});
	}

	/** One decision on the timeline, one pass through the task, one cancellation carried out. */
	void decidedOnce(Review review) {
		assertThat(decisions(review.order())).hasSize(1);
		assertThat(engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.processInstanceId(review.processInstanceId())
			.activityId(USER_TASK_REVIEW_CANCELLATION)
			.count()).isEqualTo(1);
		assertThat(engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.processInstanceId(review.processInstanceId())
			.activityId("Task_CancelLines")
			.finished()
			.count()).isEqualTo(1);
		Cancellation done = cancellations.find(review.cancellation().id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(done.lines().get(0).canceled()).isEqualTo(1);
		assertThat(orders.find(review.order().id()).orElseThrow().lines().get(0).quantities().canceled()).isEqualTo(1);
		assertThat(fulfillmentOrders.ofOrder(review.order().id()).get(0).quantity()).isEqualTo(1);
	}

	List<TimelineEntry> decisions(Order order) {
		return orders.timeline(order.id())
			.stream()
			.filter(e -> TimelineType.DECISION.equals(e.type()) && e.description().contains("Review cancellation"))
			.toList();
	}

}
