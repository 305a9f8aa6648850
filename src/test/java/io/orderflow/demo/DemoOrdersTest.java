package io.orderflow.demo;

import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_RESOLVE_BACKORDER;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_REVIEW_RISK;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_INSPECT_RETURN;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderflow.testsupport.Invariants;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The README's first command, minus the file database and the waiting: in the demo profile, with the job
 * executor, the simulated locations and the sandbox carrier running, the demo orders leave work in Tasklist
 * for every demo group, and their money and quantities add up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:orderflow-demo;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
				"orderflow.fulfillment.simulation-step=PT1S", "orderflow.delivery.in-transit-after=PT1S",
				"orderflow.delivery.delivered-after=PT2S" })
@ActiveProfiles("demo")
@DirtiesContext
class DemoOrdersTest {

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoLeavesATaskOfEveryKindInTasklist() throws Exception {
		Set<String> expected = Set.of(USER_TASK_REVIEW_RETURN, USER_TASK_INSPECT_RETURN, USER_TASK_REVIEW_CANCELLATION,
				USER_TASK_APPROVE_APPEASEMENT, USER_TASK_RESOLVE_BACKORDER, USER_TASK_REVIEW_RISK);
		long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
		Set<String> open = Set.of();
		while (System.nanoTime() < until && !open.containsAll(expected)) {
			Thread.sleep(500);
			open = engine.getTaskService()
				.createTaskQuery()
				.list()
				.stream()
				.map(Task::getTaskDefinitionKey)
				.collect(Collectors.toSet());
		}
		assertThat(open).as("open user tasks").containsAll(expected);
		assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("warehouse").list())
			.extracting(Task::getTaskDefinitionKey)
			.containsExactly(USER_TASK_INSPECT_RETURN);
		assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isEqualTo(6);
		assertThat(engine.getRuntimeService().createIncidentQuery().list()).as("incidents").isEmpty();
		Invariants.assertHold(jdbc, engine);
	}

}
