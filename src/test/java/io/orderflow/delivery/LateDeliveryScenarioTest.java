package io.orderflow.delivery;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.BOUNDARY_EVENT_DELIVERY_LATE;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.CALL_ACTIVITY_RESHIP_UNDELIVERED_UNITS;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_FULFILLMENT_ORDER_DELIVERED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_UNDELIVERED_UNITS_RESHIPPED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_DELIVERY;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TIMER_NEW_DELIVERY_DEADLINE;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_LATE_DELIVERY;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderDelays;
import io.orderflow.order.OrderDelays.Stage;
import io.orderflow.order.Quantities;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A parcel that does not arrive in time, path by path: Given a shipped fulfillment order, When the carrier's limit
 * passes (the timer fired by the test), Then it is late on the order and a service agent keeps waiting with a new
 * deadline or gives the parcel up as lost and reships its units; a delivery, or a failed delivery, meanwhile closes
 * the task itself.
 */
class LateDeliveryScenarioTest extends DeliveryScenario {

	@Autowired
	OrderDelays delays;

	LateDeliveryScenarioTest() {
		super("LDL", "Late delivery", "late-delivery");
	}

	@Test
	void aLateParcelIsOnTheOrderAndItsTaskClosesItselfWhenItArrives() throws Exception {
		// Given a parcel on its way
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = shipmentOf(fo);
		carrier(shipment, "IN_TRANSIT", "Sorting centre");

		// When the carrier's limit passes
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_DELIVERY_LATE);

		// Then a service agent has "Resolve late delivery" with what the carrier last said, and the order is late
		Task task = task(fo, USER_TASK_RESOLVE_LATE_DELIVERY);
		assertThat(engine.getTaskService().getVariable(task.getId(), "lateness").toString())
			.contains(shipment.trackingNumber())
			.contains("IN_TRANSIT")
			.contains("Sorting centre");
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_DELIVERY, USER_TASK_RESOLVE_LATE_DELIVERY);
		assertThat(delays.of(order.id())).singleElement()
			.satisfies(late -> assertThat(late.stage()).isEqualTo(Stage.DELIVERY));

		// When the parcel arrives
		carrier(shipment, "DELIVERED", null);
		Jobs.runDue(engine);

		// Then the task is gone, the order is delivered and nothing is late
		assertThat(openTasks(fo)).isZero();
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_FULFILLMENT_ORDER_DELIVERED);
		assertThat(delays.of(order.id())).isEmpty();
		assertThat(lifecycle(order)).isEnded();
	}

	@Test
	void anAgentKeepsWaitingForALateParcelAndIsAskedAgainWhenTheNewDeadlinePasses() throws Exception {
		// Given a late parcel
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_DELIVERY_LATE);

		// When the agent keeps waiting a week
		LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(7);
		decide(task(fo, USER_TASK_RESOLVE_LATE_DELIVERY),
				Map.of("lateDeliveryDecision", "KEEP_WAITING", "newDeadline", until.toString()));

		// Then the carrier has until the end of that day, and nothing is late
		assertThat(deadlines.of(fo.id()).deliverBy()).isEqualTo(until.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
		assertThat(delays.of(order.id())).isEmpty();
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_DELIVERY, TIMER_NEW_DELIVERY_DEADLINE);

		// When that passes too, Then the agent is asked again
		Jobs.fireTimers(engine, fo.number(), TIMER_NEW_DELIVERY_DEADLINE);
		assertThat(openTask(fo, USER_TASK_RESOLVE_LATE_DELIVERY)).isPresent();
		assertThat(delays.of(order.id())).hasSize(1);
	}

	@Test
	void aParcelGivenUpAsLostIsReshippedAtNoCharge() throws Exception {
		// Given a late parcel of 2 × A
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment lost = shipmentOf(fo);
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_DELIVERY_LATE);

		// When the agent gives it up as lost
		decide(task(fo, USER_TASK_RESOLVE_LATE_DELIVERY), Map.of("lateDeliveryDecision", "RESHIP", "decisionNote",
				"carrier lost track"));

		// Then the fulfillment order is undelivered, the parcel recorded as lost, and a reshipment sends its units
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.UNDELIVERED);
		assertThat(failures.ofShipment(lost.id()).orElseThrow()).satisfies(failure -> {
			assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.LOST);
			assertThat(failure.status()).isEqualTo(DeliveryFailure.Status.RESHIPPED);
			assertThat(failure.decidedBy()).isEqualTo(AGENT);
		});
		assertThat(fulfillmentProcess(fo)).isWaitingAt(CALL_ACTIVITY_RESHIP_UNDELIVERED_UNITS);
		assertThat(delays.of(order.id())).isEmpty();
		assertThat(toCustomer(order)).anyMatch(text -> text.contains("We are sending items of your order"));
		FulfillmentOrder again = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(FulfillmentOrder::reshipment)
			.findFirst()
			.orElseThrow();

		// When the replacement ships and arrives
		shipAndDeliver(again);

		// Then the order is complete, the units shipped and reshipped, captured once
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities()).isEqualTo(new Quantities(2, 0, 2, 2, 0, 0, 2));
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_UNDELIVERED_UNITS_RESHIPPED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(timeline(order)).doesNotHaveDuplicates();
	}

	@Test
	void aFailedDeliveryOfALateParcelReplacesTheLateTask() throws Exception {
		// Given a late parcel waiting for an agent
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_DELIVERY_LATE);
		assertThat(openTask(fo, USER_TASK_RESOLVE_LATE_DELIVERY)).isPresent();

		// When the carrier reports it could not deliver it
		carrier(shipmentOf(fo), "DELIVERY_FAILED", "Recipient not at home");
		Jobs.runDue(engine);

		// Then the late task is gone, the failed delivery has its own, and the order is no longer counted late
		assertThat(openTask(fo, USER_TASK_RESOLVE_LATE_DELIVERY)).isEmpty();
		assertThat(openTask(fo, USER_TASK_RESOLVE_FAILED_DELIVERY)).isPresent();
		assertThat(delays.of(order.id())).isEmpty();
	}

}
