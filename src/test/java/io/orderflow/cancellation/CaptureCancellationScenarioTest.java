package io.orderflow.cancellation;

import static io.orderflow.OrderProcess.CancellationProcess.Elements.END_EVENT_CANCELLATION_COMPLETED;
import static io.orderflow.OrderProcess.CancellationProcess.Elements.THROW_EVENT_ORDER_CANCELED_IN_CAPTURE;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_CANCELED_IN_CAPTURE;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_REVIEW_RISK;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.PaymentTransaction;
import io.orderflow.payment.PaymentTransaction.Status;
import io.orderflow.payment.PaymentTransaction.Type;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cancellations of an order still in Capture, path by path: Given an order whose payment is not authorized yet, keeps
 * failing, or that waits for a fraud analyst, When it is canceled (all of it, or some units), Then its Capture stops
 * (or goes on with the rest), the authorization is voided once or reduced, nothing is charged, and the customer and the
 * timeline are told once.
 */
class CaptureCancellationScenarioTest extends ServiceScenario {

	@Autowired
	Cancellations cancellations;

	CaptureCancellationScenarioTest() {
		super("CXC", "Capture cancellation", "capcancel");
	}

	@Test
	void anOrderWhosePaymentIsNotAuthorizedYetIsCanceledAndNothingIsAuthorized() throws Exception {
		// Given an order just received: its payment authorization is a job not run yet
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 2, "10.00"));
		assertThat(lifecycle(order)).isWaitingAt(TASK_AUTHORIZE_PAYMENT);

		// When the whole order is canceled, and the cancellation runs first
		Cancellation requested = cancelWhole(order);
		assertThat(requested.status()).isEqualTo(CancellationStatus.REQUESTED);
		runJobsOf(requested.processInstanceId());

		// Then the order is CANCELED, its lifecycle ended "Order canceled", and no payment was ever asked for
		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(done.lines()).containsExactly(new Cancellation.Line(1, a, 2, 2, 0));
		assertThat(new ProcessInstanceRef(done.processInstanceId())).isEnded()
			.hasPassed(THROW_EVENT_ORDER_CANCELED_IN_CAPTURE, END_EVENT_CANCELLATION_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.CANCELED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_CANCELED_IN_CAPTURE);
		assertThat(engine.getManagementService().createJobQuery().processInstanceId(lifecycle(order).getId()).count())
			.isZero();
		assertThat(Jobs.runDue(engine)).isEmpty();
		assertThat(payments.transactions(order.id())).isEmpty();
		assertThat(authorizations.authorizations(order.id())).isEmpty();
		assertThat(fulfillmentOrders.ofOrder(order.id())).isEmpty();
		assertThat(stockOf(location("BER"), a)).containsExactly(10, 0);

		// And the customer and the timeline are told once each, with what Capture was doing
		assertThat(timeline(order)).filteredOn(text -> text.contains("Your order " + order.orderNumber() + " is canceled"))
			.singleElement()
			.asString()
			.contains("2 × " + a + " canceled");
		assertThat(timeline(order))
			.contains("Capture stopped: the order is canceled; the payment authorization, not made yet, is called off")
			.doesNotHaveDuplicates();
	}

	@Test
	void anOrderOnHoldForARiskReviewIsCanceledItsReviewClosedAndItsAuthorizationVoidedOnce() throws Exception {
		// Given an order of 1000 or more, authorized and waiting for a fraud analyst
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 2, "600.00"));
		Jobs.runDue(engine);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);
		assertThat(lifecycle(order)).isWaitingAt(USER_TASK_REVIEW_RISK);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("1428.00");

		// When the whole order is canceled
		Cancellation requested = cancelWhole(order);
		Jobs.runDue(engine);

		// Then the review task is gone, the lifecycle ended "Order canceled", the order is CANCELED
		Cancellation done = cancellations.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(lifecycle(order).getId()).count())
			.isZero();
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_CANCELED_IN_CAPTURE);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.CANCELED);

		// And the authorization is voided exactly once, nothing captured
		assertThat(payments.transactions(order.id())).extracting(PaymentTransaction::type, PaymentTransaction::status)
			.containsExactly(tuple(Type.AUTHORIZATION, Status.SUCCEEDED), tuple(Type.VOID, Status.SUCCEEDED));
		assertThat(payments.ledger(order.id()).authorized()).isZero();
		assertThat(payments.ledger(order.id()).captured()).isZero();

		// And the customer, the timeline and the events tell of it once
		assertThat(timeline(order)).filteredOn(text -> text.contains("Your order " + order.orderNumber() + " is canceled"))
			.hasSize(1);
		assertThat(timeline(order)).contains("Capture stopped: the order is canceled; the open risk review of the "
				+ "fraud analysts is closed").doesNotHaveDuplicates();
		assertThat(eventTypes(order)).containsSubsequence("order.held", "cancellation.completed")
			.containsOnlyOnce("payment.voided", "cancellation.completed");
	}

	@Test
	void anOrderWhosePaymentProviderNeverAnswersStopsAtAnIncidentAndIsCanceledWithNothingCharged() throws Exception {
		// Given an order whose payment provider never answers (tok_timeout): every attempt times out
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit("tok_timeout", orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);

		// Then it stops at an incident at "Authorize payment", RECEIVED, and shows the failed attempts and the incident
		assertThat(engine.getRuntimeService()
			.createIncidentQuery()
			.processInstanceId(lifecycle(order).getId())
			.activityId(TASK_AUTHORIZE_PAYMENT)
			.count()).isEqualTo(1);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.RECEIVED);
		assertThat(payments.transactions(order.id())).singleElement().satisfies(failed -> {
			assertThat(failed.type()).isEqualTo(Type.AUTHORIZATION);
			assertThat(failed.status()).isEqualTo(Status.FAILED);
			assertThat(failed.attempts()).isEqualTo(3);
			assertThat(failed.failureReason()).startsWith("UNAVAILABLE: timeout");
		});
		assertThat(orders.timeline(order.id())).filteredOn(e -> TimelineType.INCIDENT.equals(e.type()))
			.singleElement()
			.satisfies(e -> assertThat(e.description()).startsWith("Incident at \"Authorize payment\": Payment "
					+ "authorization of 11.90 EUR failed 3 times").endsWith("or cancel the order"));

		// When an agent cancels it (an operator's retry would only time out again)
		Cancellation requested = cancelWhole(order);
		Jobs.runDue(engine);

		// Then the order is CANCELED, the incident is gone with its job, and nothing was authorized or charged
		assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.CANCELED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_CANCELED_IN_CAPTURE);
		assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(lifecycle(order).getId()).count())
			.isZero();
		assertThat(authorizations.authorizations(order.id())).isEmpty();
		assertThat(payments.ledger(order.id()).captured()).isZero();
		assertThat(payments.transactions(order.id())).singleElement()
			.satisfies(failed -> assertThat(failed.attempts()).isEqualTo(3));
		assertThat(timeline(order)).contains("Capture stopped: the order is canceled; the payment authorization, which "
				+ "failed and stopped at an incident, is not tried again");
		assertThat(eventTypes(order)).containsSubsequence("incident.raised", "incident.resolved");
	}

	@Test
	void someUnitsOfAnOrderNotYetAuthorizedAreCanceledAndOnlyTheRestIsAuthorizedShippedAndCaptured() throws Exception {
		// Given an order of 3 just received
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 3, "10.00"));

		// When 1 unit is canceled before the payment is authorized
		Cancellation requested = cancellations.request(order.id(), new CancellationRequest(
				List.of(new CancellationRequest.Line(1, 1)), null, "customer request"), null, "integrator").resource();
		runJobsOf(requested.processInstanceId());

		// Then the unit is canceled, the order is still RECEIVED and its lifecycle still in Capture
		assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.RECEIVED);
		assertThat(lifecycle(order)).isWaitingAt(TASK_AUTHORIZE_PAYMENT);
		assertThat(timeline(order)).noneMatch(text -> text.startsWith("Capture stopped"))
			.anyMatch(text -> text.contains("Items of your order " + order.orderNumber() + " are canceled"));

		// When the lifecycle goes on
		Jobs.runDue(engine);

		// Then only the 2 units left are authorized (with a key that names the amount), allocated, shipped and captured
		assertThat(authorizations.authorizations(order.id())).singleElement()
			.satisfies(authorization -> assertThat(authorization.amount()).isEqualByComparingTo("23.80"));
		assertThat(payments.transactions(order.id())).singleElement()
			.satisfies(t -> assertThat(t.idempotencyKey()).isEqualTo("authorize:" + order.id() + ":23.80"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fo.quantity()).isEqualTo(2);
		shipAndDeliver(fo);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
	}

	@Test
	void someUnitsOfAnOrderOnHoldAreCanceledTheAuthorizationReducedAndTheReviewGoesOn() throws Exception {
		// Given an order of 2 lines waiting for a fraud analyst, authorized for its total
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER");
		stock(berlin, a, 10);
		stock(berlin, b, 10);
		Order order = submit(orderLine(a, 2, "600.00"), orderLine(b, 1, "10.00"));
		Jobs.runDue(engine);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);

		// When line 2 is canceled
		Cancellation requested = cancellations.request(order.id(), new CancellationRequest(
				List.of(new CancellationRequest.Line(2, 1)), null, "customer request"), null, "integrator").resource();
		Jobs.runDue(engine);

		// Then the order is still on hold with its review open, and its authorization covers only line 1
		assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.CANCELED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);
		assertThat(lifecycle(order)).isWaitingAt(USER_TASK_REVIEW_RISK);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("1428.00");

		// When the analyst approves it, the rest is allocated and shipped
		String review = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(lifecycle(order).getId())
			.singleResult()
			.getId();
		engine.getIdentityService().setAuthentication("analyst", List.of("fraud-analysts"));
		try {
			engine.getTaskService().complete(review, Map.of("riskDecision", "APPROVE"));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fo.lines()).singleElement().satisfies(line -> assertThat(line.sku()).isEqualTo(a));
		shipAndDeliver(fo);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("1428.00");
	}

	@Test
	void aRejectedOrderIsNotCanceled() throws Exception {
		// Given an order whose payment was declined
		String a = sku("A");
		Order order = submit("tok_decline", orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.REJECTED);

		// Then a cancellation is refused: there is nothing to cancel
		assertThatThrownBy(() -> cancelWhole(order)).isInstanceOf(CancellationNotPossibleException.class)
			.hasMessageContaining("REJECTED: there is nothing to cancel");
		assertThat(cancellations.ofOrder(order.id())).isEmpty();
	}

	@Test
	void anAuthorizationAndACancellationOfAllOfItAtOnceEndConsistentlyEitherWay() throws Exception {
		for (int round = 0; round < 3; round++) {
			// Given an order just received and a cancellation of all of it about to be carried out
			String a = sku("R" + round);
			stock(location("R" + round), a, 10);
			Order order = submit(orderLine(a, 1, "10.00"));
			Cancellation requested = cancelWhole(order);
			Job cancelLines = runUntilDue(requested.processInstanceId(), "Task_CancelLines");
			Job authorize = engine.getManagementService()
				.createJobQuery()
				.processInstanceId(lifecycle(order).getId())
				.activityId(TASK_AUTHORIZE_PAYMENT)
				.singleResult();

			// When the payment authorization and the cancellation run at the same time
			CountDownLatch start = new CountDownLatch(1);
			CompletableFuture<Object> canceling = CompletableFuture.supplyAsync(() -> execute(start, cancelLines));
			CompletableFuture<Object> authorizing = CompletableFuture.supplyAsync(() -> execute(start, authorize));
			start.countDown();
			canceling.get(60, TimeUnit.SECONDS);
			authorizing.get(60, TimeUnit.SECONDS);
			Jobs.runDue(engine);

			// Then whichever came first, the order ends CANCELED, its lifecycle ended, nothing authorized is left open
			assertThat(cancellations.find(requested.id()).orElseThrow().status()).isEqualTo(CancellationStatus.CANCELED);
			assertThat(orderStatus(order)).isEqualTo(OrderStatus.CANCELED);
			assertThat(lifecycle(order)).isEnded();
			assertThat(payments.ledger(order.id()).authorized()).isZero();
			assertThat(payments.ledger(order.id()).captured()).isZero();
			assertThat(sandboxAuthorizations(order)).isEqualTo(payments.transactions(order.id())
				.stream()
				.filter(t -> t.type() == Type.AUTHORIZATION && t.status() == Status.SUCCEEDED)
				.count());
			Invariants.assertHold(jdbc, engine);
		}
	}

	// --- helpers ------------------------------------------------------------------------------

	Cancellation cancelWhole(Order order) {
		return cancellations.request(order.id(), new CancellationRequest(null, true, "customer changed their mind"),
				null, "integrator").resource();
	}

	@SafeVarargs
	final Order submit(String token, Map<String, Object>... lines) throws Exception {
		Map<String, Object> order = orderOf(lines);
		TestOrders.part(order, "payment").put("token", token);
		return submitOrder(order);
	}

	/** Runs the due jobs of one process instance only, until it has none. */
	void runJobsOf(String processInstanceId) {
		for (int i = 0; i < 20; i++) {
			List<Job> due = engine.getManagementService()
				.createJobQuery()
				.processInstanceId(processInstanceId)
				.executable()
				.list();
			if (due.isEmpty()) {
				return;
			}
			due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
		}
	}

	/** Runs a process instance's jobs up to the one of {@code activityId}, and returns that one unrun. */
	Job runUntilDue(String processInstanceId, String activityId) {
		for (int i = 0; i < 10; i++) {
			Job due = engine.getManagementService()
				.createJobQuery()
				.processInstanceId(processInstanceId)
				.activityId(activityId)
				.singleResult();
			if (due != null) {
				return due;
			}
			engine.getManagementService()
				.createJobQuery()
				.processInstanceId(processInstanceId)
				.executable()
				.list()
				.forEach(job -> engine.getManagementService().executeJob(job.getId()));
		}
		throw new AssertionError(activityId + " never became due");
	}

	Object execute(CountDownLatch start, Job job) {
		await(start);
		try {
			engine.getManagementService().executeJob(job.getId());
			return null;
		}
		catch (RuntimeException lost) {
			// the job whose instance the other one changed first: rolled back, its job gone or retried
			return lost;
		}
	}

	List<String> timeline(Order order) {
		return orders.timeline(order.id()).stream().map(e -> e.description()).toList();
	}

	List<String> eventTypes(Order order) {
		return jdbc.sql("select event_type from order_event where order_id = :id order by id")
			.param("id", order.id())
			.query(String.class)
			.list();
	}

	long sandboxAuthorizations(Order order) {
		return jdbc.sql("select count(*) from sandbox_gateway_authorization where order_reference = :number")
			.param("number", order.orderNumber())
			.query(Long.class)
			.single();
	}

}
