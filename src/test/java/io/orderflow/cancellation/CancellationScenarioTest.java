package io.orderflow.cancellation;

import static io.orderflow.OrderProcess.CancellationProcess.Elements.END_EVENT_CANCELLATION_COMPLETED;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.END_EVENT_CANCELLATION_REJECTED;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.USER_TASK_REVIEW_CANCELLATION;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_FULFILLMENT_ORDER_CANCELED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_SHIPMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cancellations, path by path: Given an order at some point of its life, When a cancellation is
 * requested (and, where the policy asks, an agent decides), Then what had not shipped is canceled, what had
 * shipped is not, and quantities, stock, processes and money end where they should.
 */
class CancellationScenarioTest extends ServiceScenario {

	@Autowired
	Cancellations cancellations;

	CancellationScenarioTest() {
		super("CXL", "Cancellation", "cancel");
	}

	@Test
	void cancelBeforeReleaseIsApprovedAutomaticallyAndTheRestShips() throws Exception {
		// Given an order of 3 whose fulfillment order is created but not yet released to the location
		String a = sku("A");
		String berlin = location("BER", 1);
		stock(berlin, a, 10);
		Order order = submit(orderLine(a, 3, "10.00"));
		runUntilFulfillmentOrderExists(order);
		assertThat(fulfillmentOrders.ofOrder(order.id()).get(0).status()).isEqualTo(FulfillmentOrderStatus.CREATED);

		// When 1 unit is canceled
		Cancellation requested = cancel(order, Map.of(1, 1));
		assertThat(requested.status()).isEqualTo(CancellationStatus.REQUESTED);
		Jobs.runDue(engine);

		// Then the policy approves it, the fulfillment order ships 2, and the authorization covers 2
		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(done.lines()).containsExactly(new Cancellation.Line(1, a, 1, 1, 0));
		assertThat(cancellationProcess(done)).isEnded().hasPassed(END_EVENT_CANCELLATION_COMPLETED);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fo.quantity()).isEqualTo(2);
		assertThat(stockOf(berlin, a)).containsExactly(10, 2);
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().canceled()).isEqualTo(1);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("23.80");
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.type().equals("CANCELLATION")
				&& e.description().contains("Cancellation CANCELED"));

		// And the rest ships, is captured and delivered
		shipAndDeliver(fo);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
	}

	@Test
	void wholeOrderCanceledBeforeShipmentEndsCanceledWithTheAuthorizationVoided() throws Exception {
		// Given an order released to its location, waiting for the shipment
		String a = sku("A");
		String berlin = location("BER", 1);
		stock(berlin, a, 10);
		Order order = submit(orderLine(a, 2, "10.00"));
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_SHIPMENT);

		// When the whole order is canceled
		Cancellation requested = cancellations
			.request(order.id(), new CancellationRequest(null, true, "customer changed their mind"), null, "integrator")
			.resource();
		Jobs.runDue(engine);

		// Then everything is canceled, the order is CANCELED and every process has ended
		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(done.wholeOrder()).isTrue();
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.CANCELED);
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.CANCELED);
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_FULFILLMENT_ORDER_CANCELED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(cancellationProcess(done)).isEnded();
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(payments.ledger(order.id()).authorized()).isZero();
		assertThat(payments.ledger(order.id()).captured()).isZero();
		assertThat(count("select count(*) from payment_transaction where order_id = :id and type = 'VOID'", order))
			.isEqualTo(1);
		assertThat(orders.timeline(order.id())).filteredOn(e -> e.type().equals("NOTIFICATION"))
			.extracting(e -> e.description())
			.anyMatch(text -> text.contains("Your order " + order.orderNumber() + " is canceled")
					&& text.contains("2 × " + a + " canceled"));
		assertThat(orders.timeline(order.id())).as("each happening once").extracting(e -> e.description())
			.doesNotHaveDuplicates();

		// And a late SHIPPED from the location is refused
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> report(fo, "SHIPPED"))
			.isInstanceOf(EventConflictException.class);
	}

	@Test
	void partlyShippedOrderCancelsOnlyWhatHasNotShipped() throws Exception {
		// Given an order split over two locations, both released
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER", 1);
		String hamburg = location("HAM", 2);
		stock(berlin, a, 5);
		stock(hamburg, b, 5);
		Order order = submit(orderLine(a, 2, "10.00"), orderLine(b, 1, "10.00"));
		Jobs.runDue(engine);
		FulfillmentOrder atBerlin = at(order, berlin);
		FulfillmentOrder atHamburg = at(order, hamburg);

		// When the customer cancels everything, and Berlin ships before the cancellation is carried out
		Cancellation requested = cancel(order, Map.of(1, 2, 2, 1));
		report(atBerlin, "SHIPPED");
		Jobs.runDue(engine);

		// Then the shipped part stays, the rest is canceled, and the requester sees which is which
		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.PARTIALLY_CANCELED);
		assertThat(done.lines()).containsExactly(new Cancellation.Line(1, a, 2, 0, 2), new Cancellation.Line(2, b, 1, 1, 0));
		assertThat(done.result()).contains("line 1: 2 of 2 not canceled, already shipped");
		assertThat(fulfillmentOrders.find(atHamburg.id()).status()).isEqualTo(FulfillmentOrderStatus.CANCELED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.SHIPPED);

		// And what shipped was captured, nothing more is authorized, and the order completes
		deliver(atBerlin);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
		assertThat(payments.ledger(order.id()).authorized()).isZero();
	}

	/**
	 * Cancel after capture: Orderflow captures per shipped fulfillment order, and shipped units are never
	 * canceled, so what was captured stays captured (the way back for shipped goods is a return) and the
	 * cancellation releases only the authorization that still covers the rest: no refund is due.
	 */
	@Test
	void wholeOrderCanceledAfterAPartialCaptureReleasesTheRestAndRefundsNothing() throws Exception {
		// Given an order split over two locations; Berlin has shipped and its invoice is captured
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER", 1);
		String hamburg = location("HAM", 2);
		stock(berlin, a, 5);
		stock(hamburg, b, 5);
		Order order = submit(orderLine(a, 2, "10.00"), orderLine(b, 1, "10.00"));
		Jobs.runDue(engine);
		FulfillmentOrder atBerlin = at(order, berlin);
		FulfillmentOrder atHamburg = at(order, hamburg);
		report(atBerlin, "SHIPPED");
		Jobs.runDue(engine);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("11.90");

		// When the customer cancels the whole order
		Cancellation requested = cancellations
			.request(order.id(), new CancellationRequest(null, true, "customer changed their mind"), null, "integrator")
			.resource();
		Jobs.runDue(engine);

		// Then "the whole order" is what has not shipped: Hamburg's unit, canceled
		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.lines()).containsExactly(new Cancellation.Line(2, b, 1, 1, 0));
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(fulfillmentOrders.find(atHamburg.id()).status()).isEqualTo(FulfillmentOrderStatus.CANCELED);
		assertThat(stockOf(hamburg, b)).containsExactly(5, 0);

		// And the captured money stays, nothing is refunded, the rest of the authorization is released
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(payments.ledger(order.id()).authorized()).isZero();
		deliver(atBerlin);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void cancellationOfReleasedUnitsWorthMuchIsApprovedByAnAgent() throws Exception {
		// Given a released order worth more than the policy lets through
		Order order = releasedOrderOf(2, "50.00");

		// When 1 unit is to be canceled, an agent must decide
		Cancellation requested = cancel(order, Map.of(1, 1));
		Jobs.runDue(engine);
		assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.IN_REVIEW);
		Task review = task(order);
		assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
			.anyMatch(link -> "service-agents".equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariables(review.getId())).containsKeys("orderNumber", "orderLines",
				"cancellationRequest", "cancellationApprovalReason");
		String sku = order.lines().get(0).sku();
		assertThat(engine.getTaskService().getVariableLocal(review.getId(), "decisionMoney"))
			.isEqualTo("Approve: 1 × " + sku + " (line 1) canceled; 59.50 EUR of the payment authorization is released; "
					+ "59.50 EUR stays authorized for the rest. Nothing is refunded: these units were not charged.\n"
					+ "Reject: nothing is canceled, released or refunded; 119.00 EUR stays authorized.");

		// And the agent approves
		complete(review, "APPROVE", "customer called");
		Jobs.runDue(engine);

		// Then one unit is canceled, the authorization covers the other, and the decision is on the timeline
		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(done.decisionNote()).isEqualTo("customer called");
		assertThat(cancellationProcess(done)).isEnded().hasPassed(END_EVENT_CANCELLATION_COMPLETED);
		assertThat(fulfillmentOrders.ofOrder(order.id()).get(0).quantity()).isEqualTo(1);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("59.50");
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.actor().equals("agent") && e.description().contains("APPROVE"));
	}

	@Test
	void cancellationRejectedByAnAgentChangesNothing() throws Exception {
		Order order = releasedOrderOf(2, "50.00");
		Cancellation requested = cancel(order, Map.of(1, 2));
		Jobs.runDue(engine);

		complete(task(order), "REJECT", "already packed");
		Jobs.runDue(engine);

		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.REJECTED);
		assertThat(cancellationProcess(done)).isEnded().hasPassed(END_EVENT_CANCELLATION_REJECTED);
		assertThat(done.lines()).containsExactly(new Cancellation.Line(1, done.lines().get(0).sku(), 2, 0, 0));
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().canceled()).isZero();
		assertThat(fulfillmentOrders.ofOrder(order.id()).get(0).quantity()).isEqualTo(2);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("119.00");
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ALLOCATED);
	}

	@Test
	void cancellationRacingTheLocationsShippedReportEndsConsistentlyEitherWay() throws Exception {
		for (int round = 0; round < 3; round++) {
			// Given a released order and an approved cancellation of all of it about to be carried out
			String a = sku("R" + round);
			String berlin = location("R" + round, 1);
			stock(berlin, a, 5);
			Order order = submit(orderLine(a, 2, "10.00"));
			Jobs.runDue(engine);
			FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
			Cancellation requested = cancel(order, Map.of(1, 2));
			Job cancelLines = runUntilCancelLinesIsDue(requested);

			// When the cancellation and the location's SHIPPED report arrive at the same time
			CountDownLatch start = new CountDownLatch(1);
			CompletableFuture<Object> canceling = CompletableFuture.supplyAsync(() -> {
				await(start);
				engine.getManagementService().executeJob(cancelLines.getId());
				return null;
			});
			CompletableFuture<Object> shipping = CompletableFuture.supplyAsync(() -> {
				await(start);
				try {
					return report(fo, "SHIPPED");
				}
				catch (EventConflictException refused) {
					return refused;
				}
			});
			start.countDown();
			canceling.get(60, TimeUnit.SECONDS);
			Object shipped = shipping.get(60, TimeUnit.SECONDS);
			Jobs.runDue(engine);

			// Then either it was canceled before it shipped (and the report refused), or it shipped and was not canceled
			Cancellation done = cancellations.find(requested.id()).orElseThrow();
			FulfillmentOrderStatus status = fulfillmentOrders.find(fo.id()).status();
			if (status == FulfillmentOrderStatus.CANCELED) {
				assertThat(shipped).isInstanceOf(EventConflictException.class);
				assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
				assertThat(orderStatus(order)).isEqualTo(OrderStatus.CANCELED);
				assertThat(payments.ledger(order.id()).captured()).isZero();
			}
			else {
				assertThat(status).isEqualTo(FulfillmentOrderStatus.SHIPPED);
				assertThat(done.status()).isEqualTo(CancellationStatus.NOT_CANCELED);
				assertThat(done.lines()).containsExactly(new Cancellation.Line(1, a, 2, 0, 2));
				assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
				deliver(fo);
				assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
			}
			assertThat(lifecycle(order)).isEnded();
			assertThat(payments.ledger(order.id()).authorized()).isZero();
			Invariants.assertHold(jdbc, engine);
		}
	}

	// --- Given helpers ------------------------------------------------------------------------

	Order releasedOrderOf(int quantity, String unitPrice) throws Exception {
		String a = sku("A");
		stock(location("BER", 1), a, 10);
		Order order = submit(orderLine(a, quantity, unitPrice));
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(order.id()).get(0).status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		return order;
	}

	/** Runs the cancellation's jobs up to the one that carries it out, and returns that one unrun. */
	Job runUntilCancelLinesIsDue(Cancellation cancellation) {
		for (int i = 0; i < 10; i++) {
			Job due = engine.getManagementService()
				.createJobQuery()
				.processInstanceId(cancellation.processInstanceId())
				.activityId("Task_CancelLines")
				.singleResult();
			if (due != null) {
				return due;
			}
			for (Job job : engine.getManagementService()
				.createJobQuery()
				.processInstanceId(cancellation.processInstanceId())
				.executable()
				.list()) {
				engine.getManagementService().executeJob(job.getId());
			}
		}
		throw new AssertionError("Task_CancelLines never became due");
	}

	// --- When helpers -------------------------------------------------------------------------

	Cancellation cancel(Order order, Map<Integer, Integer> lines) {
		List<CancellationRequest.Line> requested = new java.util.TreeMap<>(lines).entrySet()
			.stream()
			.map(e -> new CancellationRequest.Line(e.getKey(), e.getValue()))
			.toList();
		return cancellations.request(order.id(), new CancellationRequest(requested, null, "customer request"), null,
				"integrator").resource();
	}

	void complete(Task task, String decision, String note) {
		engine.getIdentityService().setAuthentication("agent", List.of("service-agents"));
		try {
			engine.getTaskService().complete(task.getId(), Map.of("cancellationDecision", decision, "decisionNote", note));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	// --- Then helpers -------------------------------------------------------------------------

	ProcessInstance cancellationProcess(Cancellation cancellation) {
		return new ProcessInstanceRef(cancellation.processInstanceId());
	}

	Task task(Order order) {
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(USER_TASK_REVIEW_CANCELLATION)
			.singleResult();
		assertThat(task).as("review task of %s", order.orderNumber()).isNotNull();
		return task;
	}

}
