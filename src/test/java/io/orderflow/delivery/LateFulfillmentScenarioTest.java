package io.orderflow.delivery;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.BOUNDARY_EVENT_SHIPMENT_LATE;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_FULFILLMENT_ORDER_REROUTED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_DELIVERY;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_SHIPMENT;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TIMER_NEW_SHIPPING_DEADLINE;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_FULFILLMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.order.Order;
import io.orderflow.order.OrderDelays;
import io.orderflow.order.OrderDelays.Stage;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A location that does not ship in time, path by path: Given a released fulfillment order, When the limit of its
 * delivery method passes (the timer fired by the test), Then it is late on the order and a service agent keeps
 * waiting with a new deadline or re-routes it; a report of the location meanwhile closes the task itself.
 */
class LateFulfillmentScenarioTest extends DeliveryScenario {

	@Autowired
	OrderDelays delays;

	LateFulfillmentScenarioTest() {
		super("LFF", "Late fulfillment", "late-fulfillment");
	}

	@Test
	void theLimitsComeFromTheDmnTableByDeliveryMethod() throws Exception {
		// Given stock at one location
		String a = sku("A");
		stock(location("BER"), a, 10);

		// When a standard and an express order are released, and the express one ships
		Order standard = releasedOrder(orderLine(a, 1, "10.00"));
		Map<String, Object> express = orderOf(orderLine(a, 1, "10.00"));
		express.put("deliveryMethod", "EXPRESS");
		Order fast = submitOrder(express);
		Jobs.runDue(engine);
		OffsetDateTime released = OffsetDateTime.now(ZoneOffset.UTC);
		ship(onlyFulfillmentOrder(fast));

		// Then a standard order's location has two days to ship, an express one's a day, and its carrier two to deliver
		assertThat(deadlines.of(onlyFulfillmentOrder(standard).id()).shipBy())
			.isCloseTo(released.plusDays(2), within(1, ChronoUnit.MINUTES));
		assertThat(deadlines.of(onlyFulfillmentOrder(fast).id()).shipBy())
			.isCloseTo(released.plusHours(24), within(1, ChronoUnit.MINUTES));
		assertThat(deadlines.of(onlyFulfillmentOrder(fast).id()).deliverBy())
			.isCloseTo(released.plusDays(2), within(1, ChronoUnit.MINUTES));
		// and the process's timer waits for exactly that
		assertThat(timer(onlyFulfillmentOrder(standard), BOUNDARY_EVENT_SHIPMENT_LATE).getDuedate().toInstant())
			.isEqualTo(deadlines.of(onlyFulfillmentOrder(standard).id()).shipBy().toInstant());
	}

	@Test
	void aLateFulfillmentOrderIsOnTheOrderAndItsTaskClosesItselfWhenTheLocationShips() throws Exception {
		// Given a fulfillment order released to its location
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		assertThat(delays.of(order.id())).isEmpty();

		// When its limit passes
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_SHIPMENT_LATE);

		// Then a service agent has "Resolve late fulfillment", the process still waits for the location, and the order
		// and the timeline show it is late, once
		Task task = task(fo, USER_TASK_RESOLVE_LATE_FULFILLMENT);
		assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
			.anyMatch(link -> "service-agents".equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariable(task.getId(), "lateness").toString()).contains(fo.number())
			.contains(fo.locationId())
			.contains("STANDARD");
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_SHIPMENT, USER_TASK_RESOLVE_LATE_FULFILLMENT);
		assertThat(delays.of(order.id())).singleElement().satisfies(late -> {
			assertThat(late.fulfillmentOrderNumber()).isEqualTo(fo.number());
			assertThat(late.stage()).isEqualTo(Stage.SHIPMENT);
		});
		assertThat(timeline(order)).filteredOn(text -> text.startsWith("Late: ")).hasSize(1);
		assertThat(count("select count(*) from order_event where order_id = :id and event_type = 'fulfillment_order.late'",
				order)).isEqualTo(1);

		// When the location ships after all
		ship(fo);

		// Then the task is gone, the process waits for the carrier, and nothing is late any more
		assertThat(openTask(fo, USER_TASK_RESOLVE_LATE_FULFILLMENT)).isEmpty();
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_DELIVERY);
		assertThat(delays.of(order.id())).isEmpty();
	}

	@Test
	void anAgentKeepsWaitingWithANewDeadlineAndIsAskedAgainWhenItPasses() throws Exception {
		// Given a late fulfillment order
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_SHIPMENT_LATE);
		Task task = task(fo, USER_TASK_RESOLVE_LATE_FULFILLMENT);

		// When the agent keeps waiting without a date, until yesterday, or until something that is no date
		for (String wrong : new String[] { null, LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "next week" }) {
			Map<String, Object> decision = new java.util.HashMap<>(Map.of("lateFulfillmentDecision", "KEEP_WAITING"));
			decision.put("newDeadline", wrong);
			// Then that is refused, and the task stays open
			assertThatThrownBy(() -> decide(task, decision)).isInstanceOf(ProcessEngineException.class)
				.hasMessageContaining("Wait until");
		}
		assertThat(task(fo, USER_TASK_RESOLVE_LATE_FULFILLMENT).getId()).isEqualTo(task.getId());

		// When the agent keeps waiting until a date three days ahead
		LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(3);
		decide(task, Map.of("lateFulfillmentDecision", "KEEP_WAITING", "newDeadline", until.toString(), "decisionNote",
				"location short of staff"));

		// Then the location has until the end of that day, nothing is late, and the process waits for that too
		OffsetDateTime deadline = until.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
		assertThat(deadlines.of(fo.id()).shipBy()).isEqualTo(deadline);
		assertThat(delays.of(order.id())).isEmpty();
		assertThat(openTasks(fo)).isZero();
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_SHIPMENT, TIMER_NEW_SHIPPING_DEADLINE);
		assertThat(timer(fo, TIMER_NEW_SHIPPING_DEADLINE).getDuedate().toInstant()).isEqualTo(deadline.toInstant());
		assertThat(timeline(order)).anyMatch(text -> text.startsWith("New deadline for fulfillment order " + fo.number()));

		// When the new deadline passes
		Jobs.fireTimers(engine, fo.number(), TIMER_NEW_SHIPPING_DEADLINE);

		// Then the agent is asked again, and the order is late again
		assertThat(openTask(fo, USER_TASK_RESOLVE_LATE_FULFILLMENT)).isPresent();
		assertThat(delays.of(order.id())).hasSize(1);
		assertThat(timeline(order)).filteredOn(text -> text.startsWith("Late: ")).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void anAgentReroutesALateFulfillmentOrderToAnotherLocation() throws Exception {
		// Given stock in Berlin (preferred) and Hamburg, and an order late in Berlin
		String a = sku("A");
		String berlin = location("BER", 1);
		String hamburg = location("HAM", 2);
		stock(berlin, a, 5);
		stock(hamburg, a, 5);
		Order order = releasedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder atBerlin = onlyFulfillmentOrder(order);
		assertThat(atBerlin.locationId()).isEqualTo(berlin);
		Jobs.fireTimers(engine, atBerlin.number(), BOUNDARY_EVENT_SHIPMENT_LATE);

		// When the agent re-routes it
		decide(task(atBerlin, USER_TASK_RESOLVE_LATE_FULFILLMENT), Map.of("lateFulfillmentDecision", "REROUTE"));

		// Then it is canceled in Berlin (stock free, the location told), and Hamburg has its lines
		FulfillmentOrder canceled = fulfillmentOrders.find(atBerlin.id());
		assertThat(canceled.status()).isEqualTo(FulfillmentOrderStatus.CANCELED);
		assertThat(canceled.statusReason()).contains("late at " + berlin).contains("re-routed by " + AGENT);
		assertThat(stockOf(berlin, a)).containsExactly(5, 0);
		assertThat(count("select count(*) from order_event where order_id = :id and event_type = "
				+ "'fulfillment_order.canceled'", order)).isEqualTo(1);
		FulfillmentOrder atHamburg = at(order, hamburg);
		assertThat(atHamburg.status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(stockOf(hamburg, a)).containsExactly(5, 2);
		assertThat(fulfillmentProcess(atHamburg)).isWaitingAt(TASK_AWAIT_SHIPMENT);
		assertThat(delays.of(order.id())).isEmpty();

		// When Hamburg ships and the parcel arrives
		shipAndDeliver(atHamburg);

		// Then the order completes, captured once for what Hamburg shipped
		assertThat(historicFulfillmentProcess(atBerlin)).isEnded().hasPassed(END_EVENT_FULFILLMENT_ORDER_REROUTED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo(order.totals().grandTotal());
		assertThat(timeline(order)).doesNotHaveDuplicates();
	}

	@Test
	void aRejectionOfALateFulfillmentOrderClosesTheTaskAndReroutesIt() throws Exception {
		// Given a fulfillment order late in Berlin, Hamburg having stock too
		String a = sku("A");
		String berlin = location("BER", 1);
		String hamburg = location("HAM", 2);
		stock(berlin, a, 5);
		stock(hamburg, a, 5);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder atBerlin = onlyFulfillmentOrder(order);
		Jobs.fireTimers(engine, atBerlin.number(), BOUNDARY_EVENT_SHIPMENT_LATE);
		assertThat(openTask(atBerlin, USER_TASK_RESOLVE_LATE_FULFILLMENT)).isPresent();

		// When Berlin rejects it
		locationEvents.receive(atBerlin.id(),
				new LocationEventRequest("rej-" + atBerlin.id(), "REJECTED", null, null, null, "shelf empty", null));
		Jobs.runDue(engine);

		// Then the task is gone and Hamburg has the line
		assertThat(openTasks(atBerlin)).isZero();
		assertThat(fulfillmentOrders.find(atBerlin.id()).status()).isEqualTo(FulfillmentOrderStatus.REJECTED);
		assertThat(at(order, hamburg).status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(delays.of(order.id())).isEmpty();
	}

	Job timer(FulfillmentOrder fo, String activityId) {
		return engine.getManagementService()
			.createJobQuery()
			.timers()
			.processInstanceId(fulfillmentProcess(fo).getId())
			.activityId(activityId)
			.singleResult();
	}

}
