package io.orderflow.exchange;

import static io.orderflow.ExchangeNames.Elements.BOUNDARY_EVENT_RETURN_DEADLINE_PASSED;
import static io.orderflow.ExchangeNames.Elements.END_EVENT_EXCHANGE_COMPLETED;
import static io.orderflow.ExchangeNames.Elements.END_EVENT_EXCHANGE_EXPIRED;
import static io.orderflow.ExchangeNames.Elements.RECEIVE_TASK_AWAIT_RETURNED_UNITS;
import static io.orderflow.ExchangeNames.Elements.START_EVENT_AUTHORIZATION_EXPIRING;
import static io.orderflow.ExchangeNames.Elements.TASK_CLOSE_UNRETURNED_EXCHANGE;
import static io.orderflow.ExchangeNames.Elements.TASK_REOPEN_EXCHANGE;
import static io.orderflow.ExchangeNames.Elements.USER_TASK_SETTLE_UNRETURNED_UNITS;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.orderflow.OrderProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.Order;
import io.orderflow.order.Quantities;
import io.orderflow.payment.Ledger;
import io.orderflow.payment.PaymentAuthorization;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import io.orderflow.testsupport.TestClock;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exchanges whose units do not come back, and a dearer exchange's authorization kept valid: Given a delivered
 * order of 2 × A at 10.00 (+19 %, 11.90 a unit) and an approved exchange of one unit, When the return deadline of
 * the policy (returnWithin in bpmn/exchange-reservation.dmn) passes without it, Then a replacement not shipped
 * yet is canceled and the exchange ends EXPIRED, one that shipped goes to a service agent; late units are refused.
 */
class ExchangeExpiryScenarioTest extends ExchangeScenario {

	@Autowired
	TestClock clock;

	ExchangeExpiryScenarioTest() {
		super("EXX", "Exchange expiry", "exchange-expiry");
	}

	@BeforeEach
	@Override
	protected void quietEngine() {
		clock.reset();
		super.quietEngine();
	}

	@AfterEach
	@Override
	protected void invariantsHold() {
		clock.reset();
		super.invariantsHold();
	}

	@Test
	void aChangeOfMindWhoseUnitNeverComesBackExpiresAndCancelsTheReplacement() throws Exception {
		// Given a change of mind, which the policy reserves only on receipt and gives 14 days
		String berlin = location("BER", 1);
		String a = sku("A");
		String large = sku("A-L");
		stock(berlin, a, 5);
		stock(berlin, large, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Ledger before = payments.ledger(order.id());
		Exchange approved = approvedExchange(order, "CHANGED_MIND", large, null);
		assertThat(approved.reserveOn()).isEqualTo("RECEIPT");
		assertThat(deadline(approved).toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(14)),
				within(1, ChronoUnit.HOURS));

		// When the deadline passes without the unit
		Jobs.fireTimers(engine, order.orderNumber(), BOUNDARY_EVENT_RETURN_DEADLINE_PASSED);

		// Then the exchange is EXPIRED and has ended, the replacement line canceled, the unit no longer expected
		Exchange expired = exchanges.find(approved.id()).orElseThrow();
		assertThat(expired.status()).isEqualTo(ExchangeStatus.EXPIRED);
		assertThat(expired.statusReason()).contains("had not shipped and was canceled");
		assertThat(new ProcessInstanceRef(approved.processInstanceId())).isEnded()
			.hasPassed(END_EVENT_EXCHANGE_EXPIRED)
			.hasNotPassed(END_EVENT_EXCHANGE_COMPLETED);
		Quantities replacement = orders.require(order.id()).line(2).quantities();
		assertThat(replacement.canceled()).isEqualTo(1);
		assertThat(replacement.netOrdered()).isZero();
		assertThat(orders.require(order.id()).line(1).quantities().returnInitiated()).isZero();
		assertThat(stockOf(berlin, large)).containsExactly(5, 0);
		Ledger after = payments.ledger(order.id());
		assertThat(after.captured()).isEqualByComparingTo(before.captured());
		assertThat(after.invoiced()).isEqualByComparingTo(before.invoiced());
		assertThat(after.credited()).isEqualByComparingTo(before.credited());
		assertThat(pendingCredits.pendingCredits(order.id())).allSatisfy(credit -> assertThat(credit.status().name())
			.isNotEqualTo("PENDING"));
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.type().equals("EXCHANGE") && e.description().startsWith("Exchange EXPIRED"));
		assertThat(count("select count(*) from order_event where order_id = :id and event_type = 'exchange.expired'", order))
			.isEqualTo(1);

		// And the unit arriving after that is refused and changes nothing
		assertThatThrownBy(() -> received(approved, "LATE")).isInstanceOf(EventConflictException.class)
			.hasMessageContaining("not back by the deadline");
		assertThat(orders.require(order.id()).line(1).quantities().returned()).isZero();
		assertThat(stockOf(berlin, a).get(0)).isEqualTo(3);
		assertThat(exchanges.find(approved.id()).orElseThrow().status()).isEqualTo(ExchangeStatus.EXPIRED);
	}

	@Test
	void aDearerReplacementReservedButNotShippedIsCanceledAndItsExtraAuthorizationReleased() throws Exception {
		// Given a dearer replacement (15.00, 17.85: 5.95 more) reserved at approval, at its location, not shipped
		String berlin = location("BER", 1);
		String a = sku("A");
		String b = sku("B");
		stock(berlin, a, 5);
		stock(berlin, b, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Ledger before = payments.ledger(order.id());
		Exchange approved = approvedExchange(order, "DOES_NOT_FIT", b, new BigDecimal("15.00"));
		FulfillmentOrder fo = replacementFulfillmentOrder(approved);
		assertThat(authorizations.uncaptured(order.id())).isEqualByComparingTo("5.95");
		assertThat(stockOf(berlin, b)).containsExactly(5, 1);

		// When its 30 days pass without the unit
		assertThat(deadline(approved).toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(30)),
				within(1, ChronoUnit.HOURS));
		Jobs.fireTimers(engine, order.orderNumber(), BOUNDARY_EVENT_RETURN_DEADLINE_PASSED);

		// Then the fulfillment order is canceled with its reservation, the 5.95 released, nothing charged
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.CANCELED);
		assertThat(stockOf(berlin, b)).containsExactly(5, 0);
		assertThat(new ProcessInstanceRef(approved.processInstanceId())).isEnded().hasPassed(END_EVENT_EXCHANGE_EXPIRED);
		assertThat(exchanges.find(approved.id()).orElseThrow().status()).isEqualTo(ExchangeStatus.EXPIRED);
		assertThat(authorizations.uncaptured(order.id())).isEqualByComparingTo("0.00");
		Ledger after = payments.ledger(order.id());
		assertThat(after.captured()).isEqualByComparingTo(before.captured());
		assertThat(after.invoiced()).isEqualByComparingTo(before.invoiced());
		assertThat(orders.require(order.id()).line(1).quantities().returnInitiated()).isZero();
		Invariants.assertHold(jdbc, engine);
	}

	@Test
	void aReplacementThatShippedGoesToAnAgentWhoWaitsOnceMoreThenClosesIt() throws Exception {
		// Given an even exchange whose replacement was shipped and delivered at once
		String berlin = location("BER", 1);
		String a = sku("A");
		String large = sku("A-L");
		stock(berlin, a, 5);
		stock(berlin, large, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Exchange approved = approvedExchange(order, "DOES_NOT_FIT", large, null);
		shipAndDeliver(replacementFulfillmentOrder(approved));
		Ledger shipped = payments.ledger(order.id());
		ProcessInstanceRef process = new ProcessInstanceRef(approved.processInstanceId());
		assertThat(process).isWaitingAt(RECEIVE_TASK_AWAIT_RETURNED_UNITS);

		// When the deadline passes without the unit
		Jobs.fireTimers(engine, order.orderNumber(), BOUNDARY_EVENT_RETURN_DEADLINE_PASSED);

		// Then the exchange is EXPIRED and a service agent is asked to settle it, with what did not come back
		assertThat(exchanges.find(approved.id()).orElseThrow().status()).isEqualTo(ExchangeStatus.EXPIRED);
		Task task = settleTask(process);
		assertThat(task).hasCandidateGroup("service-agents");
		assertThat((String) engine.getTaskService().getVariable(task.getId(), "exchangeNotReturned"))
			.contains("1 × " + a + " of line 1");
		assertThat(orders.require(order.id()).line(1).quantities().returnInitiated()).isZero();

		// When the agent keeps waiting, Then the exchange takes the unit again, until the deadline passes once more
		engine.getTaskService().complete(task.getId(), Map.of("exchangeNotReturnedDecision", "KEEP_WAITING",
				OrderProcess.Variables.DECISION_NOTE, "customer says it is in the post"));
		Jobs.runDue(engine);
		assertThat(process).hasPassed(TASK_REOPEN_EXCHANGE).isWaitingAt(RECEIVE_TASK_AWAIT_RETURNED_UNITS);
		assertThat(exchanges.find(approved.id()).orElseThrow().status()).isEqualTo(ExchangeStatus.APPROVED);
		assertThat(orders.require(order.id()).line(1).quantities().returnInitiated()).isEqualTo(1);
		Jobs.fireTimers(engine, order.orderNumber(), BOUNDARY_EVENT_RETURN_DEADLINE_PASSED);

		// When the agent then closes it, Then the customer keeps both: nothing more is charged, nothing expected back
		engine.getTaskService().complete(settleTask(process).getId(), Map.of("exchangeNotReturnedDecision", "KEEP_BOTH"));
		Jobs.runDue(engine);
		assertThat(process).isEnded().hasPassed(TASK_CLOSE_UNRETURNED_EXCHANGE, END_EVENT_EXCHANGE_COMPLETED);
		Exchange closed = exchanges.find(approved.id()).orElseThrow();
		assertThat(closed.status()).isEqualTo(ExchangeStatus.EXPIRED);
		assertThat(closed.statusReason()).contains("keeps the units and the replacement");
		assertThat(orders.require(order.id()).line(1).quantities().returnInitiated()).isZero();
		assertThat(orders.require(order.id()).line(2).quantities().fulfilled()).isEqualTo(1);
		assertThat(payments.ledger(order.id())).isEqualTo(shipped);
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.description().contains("customer says it is in the post"));
		assertThatThrownBy(() -> received(approved, "LATE")).isInstanceOf(EventConflictException.class);
	}

	@Test
	void aDearerExchangesExtraAuthorizationIsRenewedBeforeItExpiresAndItsReplacementStillCaptured() throws Exception {
		// Given a dearer replacement whose 5.95 was authorized at approval (the sandbox's authorizations last 7 days)
		// and whose order's lifecycle, which renews the order's authorizations, has ended
		String berlin = location("BER", 1);
		String a = sku("A");
		String b = sku("B");
		stock(berlin, a, 5);
		stock(berlin, b, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Ledger before = payments.ledger(order.id());
		Exchange approved = approvedExchange(order, "DOES_NOT_FIT", b, new BigDecimal("15.00"));
		PaymentAuthorization difference = open(order);
		assertThat(difference.amount()).isEqualByComparingTo("5.95");
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(order.orderNumber())
			.processDefinitionKey(OrderProcess.LifecycleProcess.KEY).count()).isZero();

		// When six days and an hour later the exchange's renewal timer fires
		clock.advance(Duration.ofDays(6).plusHours(1));
		Jobs.fireTimers(engine, order.orderNumber(), START_EVENT_AUTHORIZATION_EXPIRING);

		// Then the 5.95 is authorized anew for another 7 days, the old one closed as RENEWED
		PaymentAuthorization renewed = open(order);
		assertThat(renewed.id()).isNotEqualTo(difference.id());
		assertThat(renewed.replacesId()).isEqualTo(difference.id());
		assertThat(renewed.amount()).isEqualByComparingTo("5.95");
		assertThat(renewed.expiresAt()).isAfter(difference.expiresAt());
		assertThat(authorizations.authorizations(order.id())).filteredOn(auth -> auth.id().equals(difference.id()))
			.extracting(PaymentAuthorization::status)
			.containsExactly(PaymentAuthorization.Status.RENEWED);

		// When the replacement ships after the first authorization would have expired
		clock.advance(Duration.ofDays(2));
		shipAndDeliver(replacementFulfillmentOrder(approved));
		received(approved, "RCV-1");

		// Then its 5.95 is captured on the renewed authorization, and the exchange completes
		assertThat(payments.ledger(order.id()).captured().subtract(before.captured())).isEqualByComparingTo("5.95");
		assertThat(new ProcessInstanceRef(approved.processInstanceId())).isEnded().hasPassed(END_EVENT_EXCHANGE_COMPLETED);
	}

	// --- helpers ------------------------------------------------------------------------------

	Exchange approvedExchange(Order order, String reason, String replacementSku, BigDecimal unitPrice) {
		Exchange requested = exchanges.request(order.id(), new ExchangeRequest(List.of(new ExchangeRequest.Line(1, 1, reason)),
				new ExchangeRequest.Replacement(replacementSku, 1, unitPrice, unitPrice == null ? null : new BigDecimal("0.19"))),
				null, "integrator").resource();
		Jobs.runDue(engine);
		Exchange approved = exchanges.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(ExchangeStatus.APPROVED);
		return approved;
	}

	java.util.Date deadlineDate(Exchange exchange) {
		Job timer = engine.getManagementService()
			.createJobQuery()
			.timers()
			.processInstanceId(exchange.processInstanceId())
			.activityId(BOUNDARY_EVENT_RETURN_DEADLINE_PASSED)
			.singleResult();
		return timer.getDuedate();
	}

	java.time.OffsetDateTime deadline(Exchange exchange) {
		return deadlineDate(exchange).toInstant().atOffset(java.time.ZoneOffset.UTC);
	}

	Task settleTask(ProcessInstanceRef process) {
		return engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(process.getId())
			.taskDefinitionKey(USER_TASK_SETTLE_UNRETURNED_UNITS)
			.singleResult();
	}

	PaymentAuthorization open(Order order) {
		List<PaymentAuthorization> open = authorizations.authorizations(order.id())
			.stream()
			.filter(auth -> auth.status() == PaymentAuthorization.Status.AUTHORIZED && auth.uncaptured().signum() > 0)
			.toList();
		assertThat(open).hasSize(1);
		return open.get(0);
	}

}
