package io.orderflow.returns;

import static io.orderflow.OrderProcess.ReturnProcess.Elements.BOUNDARY_EVENT_RETURN_EXPIRED;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.END_EVENT_RETURN_EXPIRED;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.END_EVENT_RETURN_REFUNDED;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.END_EVENT_RETURN_REJECTED;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.TASK_AWAIT_RETURNED_GOODS;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.TASK_REFUND_RETURN;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_INSPECT_RETURN;
import static io.orderflow.OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.orderflow.OrderProcess;
import io.orderflow.adjustment.AdjustmentRequest;
import io.orderflow.adjustment.Adjustments;
import io.orderflow.delivery.CarrierEventRequest;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.inventory.Product;
import io.orderflow.order.LineStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Quantities;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.Ledger;
import io.orderflow.testsupport.TestClock;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.reshipment.ReshipmentRequest;
import io.orderflow.reshipment.Reshipments;
import io.orderflow.service.ServiceScenario;
import io.orderflow.service.StartFormRefusal;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns, path by path: Given a delivered order, When a return is requested, checked by the policy
 * (bpmn/return-eligibility.dmn), reviewed by a service agent and its goods arrive (reported with their
 * condition, or inspected by the warehouse), Then resellable units go back to stock, a credit memo less the
 * fees of bpmn/refund-fee.dmn is refunded once, and returnInitiated/returned add up — or, rejected, ineligible
 * or expired, nothing is returned and nothing stays spoken for.
 */
class ReturnScenarioTest extends ServiceScenario {

	@Autowired
	Returns returns;

	@Autowired
	ReturnSteps returnSteps;

	@Autowired
	ReturnEvents returnEvents;

	@Autowired
	Reshipments reshipments;

	@Autowired
	Adjustments adjustments;

	@Autowired
	TestClock clock;

	@Autowired
	PlatformTransactionManager transactionManager;

	ReturnScenarioTest() {
		super("RET", "Return", "return");
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
	void approvedReturnInspectedInMixedConditionRestocksTheResellableUnitsAndRefundsLessTheFee() throws Exception {
		// Given a delivered order from Berlin: 3 × A at 10.00 and 2 × B at 25.00, 19 % tax: 35.70 + 59.50 = 95.20
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER");
		stock(berlin, a, 10);
		stock(berlin, b, 10);
		Order order = deliveredOrder(orderLine(a, 3, "10.00"), orderLine(b, 2, "25.00"));
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("95.20");
		assertThat(stockOf(berlin, a)).containsExactly(7, 0);
		assertThat(stockOf(berlin, b)).containsExactly(8, 0);

		// When the customer returns all of it: A is defective, B they no longer want
		ReturnOrder requested = requestReturn(order, line(1, 3, "DEFECTIVE"), line(2, 2, "CHANGED_MIND"));
		assertThat(requested.status()).isEqualTo(ReturnStatus.REQUESTED);
		assertThat(requested.rmaNumber()).isEqualTo("RMA-" + order.orderNumber() + "-1");
		assertThat(requested.locationId()).isEqualTo(berlin);
		Jobs.runDue(engine);

		// Then the policy lets it through to a service agent, with the order and the return on the task
		Task review = reviewTask(order);
		assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
			.anyMatch(link -> "service-agents".equals(link.getGroupId()));
		Map<String, Object> onTheForm = engine.getTaskService().getVariables(review.getId());
		assertThat(onTheForm).containsKeys("orderNumber", "customerName", "orderLines", "orderHistory");
		assertThat((String) onTheForm.get("returnRequest")).contains(requested.rmaNumber())
			.contains("line 1: 3 × " + a + ", reason DEFECTIVE")
			.contains("line 2: 2 × " + b + ", reason CHANGED_MIND");
		assertThat((String) onTheForm.get("returnEligibilityReason")).contains("within the return policy");
		assertThat(quantities(order, 1).returnInitiated()).isZero();

		// And when the agent approves
		review(review, "agent", "APPROVE", "customer called");

		// Then the units are spoken for and the process waits for the goods, at most 30 days
		ReturnOrder approved = returns.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(ReturnStatus.APPROVED);
		assertThat(approved.decisionNote()).isEqualTo("customer called");
		assertThat(process(approved)).isWaitingAt(TASK_AWAIT_RETURNED_GOODS);
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(3);
		assertThat(quantities(order, 2).returnInitiated()).isEqualTo(2);
		assertExpiresInAbout(approved, Duration.ofDays(30));
		Invariants.assertHold(jdbc, engine);

		// And when the goods arrive at Berlin without a word on their condition
		EventReceipt receipt = receive(approved, "ret-" + run, null);
		assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.ACCEPTED);
		assertThat(receipt.subjectStatus()).isEqualTo("RECEIVED");
		Jobs.runDue(engine);

		// Then they count as returned and the warehouse inspects them
		assertThat(quantities(order, 1).returned()).isEqualTo(3);
		assertThat(quantities(order, 2).returned()).isEqualTo(2);
		Task inspection = inspectionTask(order);
		assertThat(engine.getTaskService().getIdentityLinksForTask(inspection.getId()))
			.anyMatch(link -> "warehouse".equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariables(inspection.getId())).containsKeys("orderNumber",
				"returnRequest");
		assertThat(stockOf(berlin, a)).containsExactly(7, 0);
		assertThat(payments.ledger(order.id()).refunded()).isZero();

		// And a finding that names more damaged units than came is refused; the task stays open
		assertThatThrownBy(() -> inspect(inspection, "warehouse", "1:4")).isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("only 3 unit(s) were received");
		assertThat(inspectionTask(order).getId()).isEqualTo(inspection.getId());
		assertThat(returns.find(requested.id()).orElseThrow().lines().get(0).resellable()).isNull();

		// And when the warehouse finds one unit of each line damaged
		inspect(inspection, "warehouse", "1:1, 2:1");
		Jobs.runDue(engine);

		// Then only the resellable units are back in stock
		assertThat(stockOf(berlin, a)).containsExactly(9, 0);
		assertThat(stockOf(berlin, b)).containsExactly(9, 0);
		ReturnOrder done = returns.find(requested.id()).orElseThrow();
		assertThat(done.lines()).containsExactly(new ReturnOrder.Line(1, a, 3, ReturnReason.DEFECTIVE, 3, 2, 1, 2),
				new ReturnOrder.Line(2, b, 2, ReturnReason.CHANGED_MIND, 2, 1, 1, 1));

		// And the credit memo credits all 5 units less the fees the table sets: nothing on the defective A,
		// 10 % of 29.75 = 2.98 on the resellable B (change of mind) and 2.98 on the damaged B: 95.20 - 5.96 = 89.24
		assertThat(done.status()).isEqualTo(ReturnStatus.REFUNDED);
		assertThat(done.feeAmount()).isEqualByComparingTo("5.96");
		assertThat(done.refundAmount()).isEqualByComparingTo("89.24");
		CreditMemo memo = refunds.creditMemo("return:" + done.id()).orElseThrow();
		assertThat(memo.creditMemoNumber()).isEqualTo(done.creditMemoNumber());
		assertThat(memo.status()).isEqualTo(CreditMemo.Status.ISSUED);
		assertThat(memo.netAmount()).isEqualByComparingTo("80.00");
		assertThat(memo.taxAmount()).isEqualByComparingTo("15.20");
		assertThat(memo.feeAmount()).isEqualByComparingTo("5.96");
		assertThat(memo.totalAmount()).isEqualByComparingTo("89.24");
		assertThat(memo.items()).extracting(i -> i.lineNumber() + ":" + i.quantity()).containsExactly("1:3", "2:2");
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.captured()).isEqualByComparingTo("95.20");
		assertThat(ledger.refunded()).isEqualByComparingTo("89.24");
		assertThat(ledger.credited()).isEqualByComparingTo("89.24");
		assertThat(ledger.reconciles()).isTrue();
		assertThat(refunds(order)).isEqualTo(1);

		// And the process has ended, the lines are RETURNED, nothing more is available to return
		assertThat(process(done)).isEnded().hasPassed(USER_TASK_REVIEW_RETURN, USER_TASK_INSPECT_RETURN,
				END_EVENT_RETURN_REFUNDED);
		for (int lineNumber : new int[] { 1, 2 }) {
			Quantities q = quantities(order, lineNumber);
			assertThat(q.returnInitiated()).isEqualTo(q.fulfilled());
			assertThat(q.returned()).isEqualTo(q.fulfilled());
			assertThat(q.availableToReturn()).isZero();
			assertThat(line(order, lineNumber).status()).isEqualTo(LineStatus.RETURNED);
		}
		assertThatThrownBy(() -> requestReturn(order, line(1, 1, "DEFECTIVE"))).isInstanceOf(InvalidRequestException.class);

		// And the timeline says who decided what
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.actor().equals("agent") && e.description().contains("APPROVE"))
			.anyMatch(e -> e.actor().equals("warehouse") && e.description().contains("inspected")
					&& e.description().contains("line 1: 1") && e.description().contains("line 2: 1"))
			.noneMatch(e -> e.actor().equals("warehouse") && e.description().contains("APPROVE"))
			.anyMatch(e -> e.type().equals("RETURN") && e.description().contains("REFUNDED: 89.24 EUR"));
		// and the customer was told of the approval with the RMA number, and of the refund
		assertThat(orders.timeline(order.id())).filteredOn(e -> e.type().equals("NOTIFICATION"))
			.extracting(e -> e.description())
			.anyMatch(text -> text.contains("Your return for order " + order.orderNumber() + " is approved")
					&& text.contains(done.rmaNumber()))
			.anyMatch(text -> text.contains("We refunded money for your order") && text.contains("89.24 EUR"));
	}

	@Test
	void goodsReportedWithTheirConditionNeedNoInspectionAndUnitsThatDidNotComeAreReleased() throws Exception {
		// Given a delivered order of 2 × A at 10.00 and an approved return of both
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder approved = approvedReturn(order, line(1, 2, "DOES_NOT_FIT"));
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(2);

		// When Berlin reports 1 unit received, resellable; the other never came
		receive(approved, "ret-" + run, List.of(new ReturnEventRequest.Line(1, 1, 1, 0)));
		Jobs.runDue(engine);

		// Then nobody inspects, the unit is restocked and refunded in full (no fee for a bad fit)
		ReturnOrder done = returns.find(approved.id()).orElseThrow();
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_RETURN_REFUNDED).hasNotPassed(USER_TASK_INSPECT_RETURN);
		assertThat(done.status()).isEqualTo(ReturnStatus.REFUNDED);
		assertThat(done.lines()).containsExactly(new ReturnOrder.Line(1, a, 2, ReturnReason.DOES_NOT_FIT, 1, 1, 0, 1));
		assertThat(done.feeAmount()).isEqualByComparingTo("0.00");
		assertThat(done.refundAmount()).isEqualByComparingTo("11.90");
		assertThat(stockOf(berlin, a)).containsExactly(9, 0);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("11.90");

		// And the unit that did not come is no longer spoken for: it may be returned again
		Quantities q = quantities(order, 1);
		assertThat(q.returnInitiated()).isEqualTo(1);
		assertThat(q.returned()).isEqualTo(1);
		assertThat(q.availableToReturn()).isEqualTo(1);
		assertThat(requestReturn(order, line(1, 1, "DOES_NOT_FIT")).rmaNumber()).endsWith("-2");
	}

	@Test
	void aReturnedUnitIsCreditedWhatWasPaidForItNotItsListPrice() throws Exception {
		// Given a delivered order of 2 × A at 10.00 (+19 %: 23.80) and an appeasement of 5.00 off the line, refunded
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		adjustments.request(order.id(), new AdjustmentRequest(1, null, new java.math.BigDecimal("5.00"), null, "scratch"),
				null, "integrator");
		Jobs.runDue(engine);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("5.00");

		// When one unit comes back resellable
		ReturnOrder approved = approvedReturn(order, line(1, 1, "DOES_NOT_FIT"));
		receive(approved, "ret-" + run, List.of(new ReturnEventRequest.Line(1, 1, 1, 0)));
		Jobs.runDue(engine);

		// Then it is credited 11.90 less its half of the 5.00: 9.40, and the two refunds add up to what the line cost
		ReturnOrder done = returns.find(approved.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REFUNDED);
		assertThat(done.refundAmount()).isEqualByComparingTo("9.40");
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("14.40");

		// And the other unit, returned too, is credited its half: the line is refunded exactly what was paid for it
		ReturnOrder second = approvedReturn(order, line(1, 1, "DOES_NOT_FIT"));
		receive(second, "ret2-" + run, List.of(new ReturnEventRequest.Line(1, 1, 1, 0)));
		Jobs.runDue(engine);
		assertThat(returns.find(second.id()).orElseThrow().refundAmount()).isEqualByComparingTo("9.40");
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
	}

	@Test
	void theReviewSaysWhatTheReturnWouldRefundLessWhatAnAppeasementGaveBackAndTheWarehouseSeesNoMoney()
			throws Exception {
		// Given a delivered order of 2 × A at 10.00 (+19 %: 23.80), and an appeasement of 5.00 off the line, refunded
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		adjustments.request(order.id(), new AdjustmentRequest(1, null, new java.math.BigDecimal("5.00"), null, "scratch"),
				null, "integrator");
		Jobs.runDue(engine);

		// When one unit is to be returned because it does not fit
		ReturnOrder requested = requestReturn(order, line(1, 1, "DOES_NOT_FIT"));
		Jobs.runDue(engine);

		// Then the review says: 11.90 as sold less its half of the 5.00 given back, 9.40, no fee if resellable;
		// 10 % of it (0.94) if damaged
		Task review = reviewTask(order);
		assertThat(engine.getTaskService().getVariableLocal(review.getId(), "decisionMoney")).isEqualTo(
				"Approve: the goods may come back; once they arrive, up to 9.40 EUR is refunded, 8.46 EUR if inspection "
						+ "finds every unit damaged. Units that do not arrive are not refunded.\n"
						+ "line 1: 1 × " + a + " (DOES_NOT_FIT), 11.90 EUR as sold, less 2.50 EUR already credited on the "
						+ "line (its share of earlier appeasements): 9.40 EUR paid; no fee if resellable, fee 0.94 EUR "
						+ "(10 % for units returned damaged) if damaged\n"
						+ "Reject: nothing is refunded.");

		// When it is approved and arrives without a word on its condition
		review(review, "agent", "APPROVE", null);
		receive(returns.find(requested.id()).orElseThrow(), "ret-" + run, null);
		Jobs.runDue(engine);

		// Then the warehouse's inspection shows no money at all
		Task inspection = inspectionTask(order);
		assertThat(engine.getTaskService().getVariablesLocal(inspection.getId())).containsKey("orderLines")
			.doesNotContainKeys("decisionMoney", "orderMoney", "orderTotal");

		// And when the warehouse finds it damaged, the refund is what the review said it would be then
		inspect(inspection, "warehouse", "1:1");
		Jobs.runDue(engine);
		assertThat(returns.find(requested.id()).orElseThrow().refundAmount()).isEqualByComparingTo("8.46");
	}

	@Test
	void returnRejectedByTheAgentChangesNothingAndSaysWhy() throws Exception {
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder requested = requestReturn(order, line(1, 2, "NOT_AS_DESCRIBED"));
		Jobs.runDue(engine);

		// When the agent rejects it with a reason
		review(reviewTask(order), "agent", "REJECT", "worn, outside the policy");
		Jobs.runDue(engine);

		// Then it ends REJECTED with the reason, and nothing moved
		ReturnOrder done = returns.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REJECTED);
		assertThat(done.statusReason()).contains("worn, outside the policy");
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_RETURN_REJECTED).hasNotPassed(TASK_AWAIT_RETURNED_GOODS);
		Quantities q = quantities(order, 1);
		assertThat(q.returnInitiated()).isZero();
		assertThat(q.returned()).isZero();
		assertThat(stockOf(berlin, a)).containsExactly(8, 0);
		assertThat(refunds.creditMemos(order.id())).isEmpty();
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.actor().equals("agent") && e.description().contains("REJECT")
					&& e.description().contains("worn, outside the policy"))
			.anyMatch(e -> e.type().equals("RETURN") && e.description().contains("REJECTED")
					&& e.description().contains("worn, outside the policy"));

		// And a late receipt is refused; the units may be asked for again
		assertThatThrownBy(() -> receive(done, "late-" + run, null)).isInstanceOf(EventConflictException.class);
		assertThat(requestReturn(order, line(1, 2, "NOT_AS_DESCRIBED")).status()).isEqualTo(ReturnStatus.REQUESTED);
		Jobs.runDue(engine);
	}

	@Test
	void outsideTheReturnWindowFromDeliveryTheReturnIsNotEligible() throws Exception {
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		// Given 30 days after delivery a return is still within the window
		clock.advance(Duration.ofDays(30).plusHours(1));
		ReturnOrder inWindow = requestReturn(order, line(1, 1, "DEFECTIVE"));
		Jobs.runDue(engine);
		assertThat(process(inWindow)).isWaitingAt(USER_TASK_REVIEW_RETURN);
		review(reviewTask(order), "agent", "REJECT", "ask again tomorrow");

		// When the customer asks a day later
		clock.advance(Duration.ofDays(1));
		ReturnOrder late = requestReturn(order, line(1, 1, "DEFECTIVE"));
		Jobs.runDue(engine);

		// Then the policy rejects it without asking an agent, and says why
		ReturnOrder done = returns.find(late.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REJECTED);
		assertThat(done.statusReason()).contains("not eligible").contains("return window of 30 days");
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_RETURN_REJECTED).hasNotPassed(USER_TASK_REVIEW_RETURN);
		assertThat(quantities(order, 1).returnInitiated()).isZero();
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals("system:return-policy")
				&& e.description().contains(late.rmaNumber() + " is not eligible"));
	}

	@Test
	void aNonReturnableSkuMakesTheReturnIneligible() throws Exception {
		// Given a delivered order of an article and a gift card (SKU-GIFTCARD-50 cannot be returned, per the table)
		String a = sku("A");
		String giftCard = "SKU-GIFTCARD-50";
		inventory.saveProduct(new Product(giftCard, "Gift card 50", true));
		String berlin = location("BER");
		stock(berlin, a, 10);
		stock(berlin, giftCard, 10);
		Order order = deliveredOrder(orderLine(a, 1, "10.00"), orderLine(giftCard, 1, "50.00"));

		// When both are to be returned
		ReturnOrder both = requestReturn(order, line(1, 1, "CHANGED_MIND"), line(2, 1, "CHANGED_MIND"));
		Jobs.runDue(engine);

		// Then the whole return is rejected naming the gift card's line
		ReturnOrder done = returns.find(both.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REJECTED);
		assertThat(done.statusReason()).contains("line 2 (" + giftCard + "): this article cannot be returned")
			.doesNotContain("line 1");
		assertThat(process(done)).isEnded().hasNotPassed(USER_TASK_REVIEW_RETURN);

		// And the article alone may be returned
		ReturnOrder article = requestReturn(order, line(1, 1, "CHANGED_MIND"));
		Jobs.runDue(engine);
		assertThat(process(article)).isWaitingAt(USER_TASK_REVIEW_RETURN);
	}

	@Test
	void anArticleTheCatalogMarksNotReturnableMakesTheReturnIneligible() throws Exception {
		// Given a delivered order of an article that the catalog then marks as not returnable
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 1, "10.00"));
		inventory.saveProduct(new Product(a, "Return product A, final sale", false));

		// When it is to be returned, Then the policy rejects it
		ReturnOrder requested = requestReturn(order, line(1, 1, "CHANGED_MIND"));
		Jobs.runDue(engine);
		ReturnOrder done = returns.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REJECTED);
		assertThat(done.statusReason()).contains("line 1 (" + a + "): this article cannot be returned");
		assertThat(process(done)).isEnded().hasNotPassed(USER_TASK_REVIEW_RETURN);
		assertThat(quantities(order, 1).returnInitiated()).isZero();
	}

	@Test
	void approvedReturnWhoseGoodsNeverArriveExpiresAndReleasesItsUnits() throws Exception {
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder approved = approvedReturn(order, line(1, 2, "DEFECTIVE"));
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(2);

		// When the goods do not arrive and the expiry timer fires
		Jobs.fireTimers(engine, order.orderNumber(), BOUNDARY_EVENT_RETURN_EXPIRED);

		// Then the return is CLOSED, its units released, nothing refunded
		ReturnOrder done = returns.find(approved.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.CLOSED);
		assertThat(done.statusReason()).contains("expired");
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_RETURN_EXPIRED).hasNotPassed(TASK_REFUND_RETURN);
		Quantities q = quantities(order, 1);
		assertThat(q.returnInitiated()).isZero();
		assertThat(q.returned()).isZero();
		assertThat(q.availableToReturn()).isEqualTo(2);
		assertThat(line(order, 1).status()).isEqualTo(LineStatus.FULFILLED);
		assertThat(stockOf(berlin, a)).containsExactly(8, 0);
		assertThat(refunds.creditMemos(order.id())).isEmpty();
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.type().equals("RETURN") && e.description().contains("CLOSED: expired"));

		// And goods arriving after that are refused
		assertThatThrownBy(() -> receive(done, "late-" + run, null)).isInstanceOf(EventConflictException.class);
		assertThat(quantities(order, 1).returned()).isZero();
	}

	@Test
	void aRepeatedReceiptChangesNothingAndAnotherOneIsAConflict() throws Exception {
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder approved = approvedReturn(order, line(1, 2, "DEFECTIVE"));
		List<ReturnEventRequest.Line> received = List.of(new ReturnEventRequest.Line(1, 2, 2, 0));

		// When the location reports that nothing came, Then that is no receipt: it is refused, the return still waits
		assertThatThrownBy(() -> receive(approved, "ret-" + run, List.of(new ReturnEventRequest.Line(1, 0, null, null))))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					invalid -> assertThat(invalid.violations()).extracting(v -> v.field()).containsExactly("lines"));
		assertThat(returns.find(approved.id()).orElseThrow().status()).isEqualTo(ReturnStatus.APPROVED);

		// When the location reports the receipt, then the same event again, and another receipt
		EventReceipt first = receive(approved, "ret-" + run, received);
		EventReceipt again = receive(approved, "ret-" + run, received);
		assertThatThrownBy(() -> receive(approved, "ret-other-" + run, received))
			.isInstanceOf(EventConflictException.class)
			.hasMessageContaining("RECEIVED");
		Jobs.runDue(engine);
		EventReceipt afterwards = receive(approved, "ret-" + run, received);

		// Then the first counts, the repeats answer DUPLICATE (200), and everything happened once
		assertThat(first.outcome()).isEqualTo(EventReceipt.Outcome.ACCEPTED);
		assertThat(first.httpStatus()).isEqualTo(202);
		assertThat(again.outcome()).isEqualTo(EventReceipt.Outcome.DUPLICATE);
		assertThat(again.httpStatus()).isEqualTo(200);
		assertThat(afterwards.outcome()).isEqualTo(EventReceipt.Outcome.DUPLICATE);
		assertThat(afterwards.subjectStatus()).isEqualTo("REFUNDED");
		assertThat(quantities(order, 1).returned()).isEqualTo(2);
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(2);
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		assertThat(refunds(order)).isEqualTo(1);
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
			.processDefinitionKey(OrderProcess.ReturnProcess.KEY)
			.processInstanceBusinessKey(order.orderNumber())
			.count()).isEqualTo(1);
	}

	@Test
	void theReviewCompletedTwiceIsDecidedOnce() throws Exception {
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder requested = requestReturn(order, line(1, 2, "DEFECTIVE"));
		Jobs.runDue(engine);
		Task task = reviewTask(order);

		// When an agent completes it without a decision, or with one the form does not offer, Then that is refused
		assertThatThrownBy(() -> review(task, "agent", null, "no decision")).isInstanceOf(ProcessEngineException.class)
			.hasRootCauseInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> review(task, "agent", "MAYBE", "unsure")).isInstanceOf(ProcessEngineException.class)
			.hasRootCauseInstanceOf(InvalidRequestException.class)
			.hasRootCauseMessage("1 invalid field(s): [FieldViolation[field=returnDecision, message=\"MAYBE\" is not a decision: one of APPROVE, REJECT]]");
		assertThat(reviewTask(order).getId()).isEqualTo(task.getId());
		assertThat(returns.find(requested.id()).orElseThrow().status()).isEqualTo(ReturnStatus.REQUESTED);

		// When two agents complete the same review
		review(task, "agent", "APPROVE", "first");
		assertThatThrownBy(() -> review(task, "agent2", "REJECT", "second")).isInstanceOf(ProcessEngineException.class);
		Jobs.runDue(engine);

		// Then the first decided, once
		ReturnOrder approved = returns.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(ReturnStatus.APPROVED);
		assertThat(approved.decisionNote()).isEqualTo("first");
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(2);
		assertThat(process(approved)).isWaitingAt(TASK_AWAIT_RETURNED_GOODS);
		assertThat(orders.timeline(order.id())).noneMatch(e -> e.actor().equals("agent2"))
			.filteredOn(e -> e.description().contains("approved: 2 unit(s) to come back"))
			.hasSize(1);
	}

	@Test
	void aRetriedRefundRefundsOnce() throws Exception {
		// Given received goods whose refund job is due
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder approved = approvedReturn(order, line(1, 2, "DEFECTIVE"));
		receive(approved, "ret-" + run, List.of(new ReturnEventRequest.Line(1, 2, 2, 0)));
		Job refundJob = runUntilDue(approved, TASK_REFUND_RETURN);

		// When the refund job runs, refunds, and its transaction is lost (a crash before the commit)
		TransactionTemplate lost = new TransactionTemplate(transactionManager);
		lost.executeWithoutResult(tx -> {
			engine.getManagementService().executeJob(refundJob.getId());
			tx.setRollbackOnly();
		});
		assertThat(returns.find(approved.id()).orElseThrow().status()).isEqualTo(ReturnStatus.RECEIVED);
		assertThat(engine.getManagementService().createJobQuery().jobId(refundJob.getId()).count()).isEqualTo(1);

		// And the job runs again
		Jobs.runDue(engine);

		// Then the customer got the money once: one refund at the gateway, one in the ledger, one credit memo
		ReturnOrder done = returns.find(approved.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REFUNDED);
		assertThat(done.refundAmount()).isEqualByComparingTo("23.80");
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_RETURN_REFUNDED);
		assertThat(refunds.creditMemos(order.id())).hasSize(1);
		assertThat(refunds(order)).isEqualTo(1);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		String memoId = refunds.creditMemos(order.id()).get(0).id().toString();
		assertThat(jdbc.sql("select count(*) from sandbox_gateway_operation where type = 'REFUND'"
				+ " and idempotency_key like :key").param("key", "refund:" + memoId + ":%").query(Long.class).single())
			.isEqualTo(1);

		// And running the step again by hand refunds nothing more
		returnSteps.refund(approved.id());
		assertThat(refunds(order)).isEqualTo(1);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
	}

	@Test
	void anAgentStartsAReturnFromTasklistWithTheStartForm() throws Exception {
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 3, "10.00"));

		// When an agent starts OrderReturn with the start form's fields
		ProcessInstance started = startFromTasklist("agent", Map.of("returnOrderNumber", order.orderNumber(),
				"returnLines", "1:2", "returnReason", "ARRIVED_DAMAGED", "decisionNote", "customer phoned"));
		Jobs.runDue(engine);

		// Then the return is stored by the REST rules, requested by the agent, and goes to review
		List<ReturnOrder> stored = returns.ofOrder(order.id());
		assertThat(stored).singleElement().satisfies(r -> {
			assertThat(r.requestedBy()).isEqualTo("agent");
			assertThat(r.processInstanceId()).isEqualTo(started.getId());
			assertThat(r.lines()).containsExactly(new ReturnOrder.Line(1, a, 2, ReturnReason.ARRIVED_DAMAGED, null,
					null, null, 0));
			assertThat(r.rmaNumber()).isEqualTo("RMA-" + order.orderNumber() + "-1");
			assertThat(r.note()).isEqualTo("customer phoned");
			assertThat(r.decisionNote()).isNull();
		});
		assertThat((String) engine.getTaskService().getVariables(reviewTask(order).getId()).get("returnRequest"))
			.contains("Note: customer phoned");
		assertThat(started).isWaitingAt(USER_TASK_REVIEW_RETURN);
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.getId())
			.singleResult().getBusinessKey()).isEqualTo(order.orderNumber());
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals("agent")
				&& e.description().contains("requested"));

		// And it goes on like any other; the start form's note is not taken for the reviewer's
		engine.getIdentityService().setAuthentication("agent2", List.of("service-agents"));
		try {
			engine.getTaskService().complete(reviewTask(order).getId(), Map.of("returnDecision", "APPROVE"));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals("agent2")
				&& e.description().equals("\"Review return\": APPROVE"));
		ReturnOrder approved = returns.find(stored.get(0).id()).orElseThrow();
		receive(approved, "ret-" + run, List.of(new ReturnEventRequest.Line(1, 2, 0, 2)));
		Jobs.runDue(engine);
		assertThat(returns.find(approved.id()).orElseThrow().status()).isEqualTo(ReturnStatus.REFUNDED);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		assertThat(stockOf(berlin, a)).containsExactly(7, 0);
	}

	@Test
	void anInvalidStartFromTasklistIsRefusedNamingTheFormFields() throws Exception {
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		String unknownOrder = refused(Map.of("returnOrderNumber", "OF-NOPE", "returnLines", "1:1", "returnReason",
				"DEFECTIVE"));
		String garbled = refused(Map.of("returnOrderNumber", order.orderNumber(), "returnLines", "one of them",
				"returnReason", "DEFECTIVE"));
		String badLineAndReason = refused(Map.of("returnOrderNumber", order.orderNumber(), "returnLines", "7:1",
				"returnReason", "BORED"));
		String tooMany = refused(Map.of("returnOrderNumber", order.orderNumber(), "returnLines", "1:3", "returnReason",
				"DEFECTIVE"));

		assertThat(unknownOrder).contains("returnOrderNumber").contains("no order OF-NOPE");
		assertThat(garbled).contains("returnLines").contains("one of them");
		assertThat(badLineAndReason).contains("returnLines").contains("no line 7").contains("returnReason");
		assertThat(tooMany).contains("returnLines").contains("only 2");
		assertThat(returns.ofOrder(order.id())).isEmpty();
	}

	@Test
	void theSameStartFormSubmittedTwiceIsOneReturn() throws Exception {
		// Given a delivered order of 3 × A and a return an agent started from Tasklist
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = deliveredOrder(orderLine(a, 3, "10.00"));
		Map<String, Object> form = Map.of("returnOrderNumber", order.orderNumber(), "returnLines", "1:1",
				"returnReason", "DOES_NOT_FIT");
		startFromTasklist("agent", form);

		// When the same form is submitted again (a double click on "Start")
		String again = refused(form);

		// Then the repeat is refused, naming the order number, and one return is stored
		assertThat(again).contains("returnOrderNumber").contains("the same return");
		assertThat(returns.ofOrder(order.id())).hasSize(1);
	}

	@Test
	void moreThanAvailableIsRefusedNamingTheLineAndWhatIsAvailable() throws Exception {
		// Given a delivered order of 2 × A and 1 × B
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER");
		stock(berlin, a, 10);
		stock(berlin, b, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"), orderLine(b, 1, "10.00"));

		// When 3 of A are to be returned, Then it is refused naming the line and the 2 delivered
		assertThatThrownBy(() -> requestReturn(order, line(1, 1, "DEFECTIVE"), line(2, 1, "DEFECTIVE"),
				line(1, 0, "DEFECTIVE"))).isInstanceOf(InvalidRequestException.class);
		assertRefused(() -> requestReturn(order, line(2, 1, "DEFECTIVE"), line(1, 3, "DEFECTIVE")), "lines[1].quantity",
				"line 1 has only 2");

		// And a second return overlapping a REQUESTED one gets only what the first leaves
		ReturnOrder first = requestReturn(order, line(1, 1, "DEFECTIVE"));
		assertThat(first.status()).isEqualTo(ReturnStatus.REQUESTED);
		assertRefused(() -> requestReturn(order, line(1, 2, "DEFECTIVE")), "lines[0].quantity", "line 1 has only 1");
		assertThat(returns.ofOrder(order.id())).hasSize(1);

		// And once the first is approved its units are in returnInitiated, still not available twice
		Jobs.runDue(engine);
		review(reviewTask(order), "agent", "APPROVE", null);
		assertRefused(() -> requestReturn(order, line(1, 2, "DEFECTIVE")), "lines[0].quantity", "line 1 has only 1");
		ReturnOrder second = requestReturn(order, line(1, 1, "DEFECTIVE"));
		assertThat(second.rmaNumber()).isEqualTo("RMA-" + order.orderNumber() + "-2");
		assertRefused(() -> requestReturn(order, line(1, 1, "DEFECTIVE")), "lines[0].quantity", "line 1 has only 0");
		assertThat(returns.ofOrder(order.id())).hasSize(2);
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(1);
		Jobs.runDue(engine);
	}

	@Test
	void twoReturnsOfTheSameUnitsAtOnceAcceptOnlyOne() throws Exception {
		// Given a delivered order of 2
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		// When two requests for both units arrive at the same moment
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Object>> requests = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			requests.add(CompletableFuture.supplyAsync(() -> {
				await(start);
				try {
					return requestReturn(order, line(1, 2, "DEFECTIVE"));
				}
				catch (InvalidRequestException refused) {
					return refused;
				}
			}));
		}
		start.countDown();
		List<Object> outcomes = new ArrayList<>();
		for (CompletableFuture<Object> request : requests) {
			outcomes.add(request.get(60, TimeUnit.SECONDS));
		}

		// Then one is stored, the other refused naming what is left: nothing
		assertThat(outcomes).filteredOn(ReturnOrder.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(InvalidRequestException.class::isInstance)
			.singleElement()
			.satisfies(refused -> assertThat(((InvalidRequestException) refused).violations().get(0).message())
				.contains("line 1 has only 0"));
		assertThat(returns.ofOrder(order.id())).hasSize(1);
		Jobs.runDue(engine);
	}

	@Test
	void unitsSentAgainByAReshipmentAreNotAvailableToReturn() throws Exception {
		// Given a delivered order of 2 × A of which 1 was lost and sent again
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		reshipments.request(order.id(), new ReshipmentRequest(List.of(new ReshipmentRequest.Line(1, 1)), "lost"), null,
				"integrator");
		Jobs.runDue(engine);

		// When both units are to be returned while the reshipment is under way, and after it shipped
		assertRefused(() -> requestReturn(order, line(1, 2, "DEFECTIVE")), "lines[0].quantity", "line 1 has only 1");
		FulfillmentOrder reshipped = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(FulfillmentOrder::reshipment)
			.findFirst()
			.orElseThrow();
		shipAndDeliver(reshipped);
		assertThat(quantities(order, 1).reshipped()).isEqualTo(1);
		assertRefused(() -> requestReturn(order, line(1, 2, "DEFECTIVE")), "lines[0].quantity", "line 1 has only 1");

		// Then the one unit left may be returned, and approving it keeps the line's quantities consistent
		ReturnOrder approved = approvedReturn(order, line(1, 1, "DEFECTIVE"));
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(1);
		assertThat(quantities(order, 1).consistent()).isTrue();
		assertThat(process(approved)).isWaitingAt(TASK_AWAIT_RETURNED_GOODS);
	}

	@Test
	void shippedButNotYetDeliveredUnitsAreNotEligible() throws Exception {
		// Given an order that shipped but has not been delivered
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = submit(orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		locationEvents.receive(fo.id(),
				new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null, null, null));
		Jobs.runDue(engine);
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);

		// When its unit is to be returned, Then it may be asked for (it shipped) but the policy refuses it
		ReturnOrder requested = requestReturn(order, line(1, 1, "WRONG_ITEM"));
		Jobs.runDue(engine);
		ReturnOrder done = returns.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REJECTED);
		assertThat(done.statusReason()).contains("not delivered yet");
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_RETURN_REJECTED).hasNotPassed(USER_TASK_REVIEW_RETURN);

		// And once delivered, the lifecycle completes and the unit may be returned
		var shipment = shipments.ofFulfillmentOrder(fo.id()).orElseThrow();
		carrierEvents.receive(shipment.id(), new CarrierEventRequest("DELIVERED-" + shipment.id(), "DELIVERED", null, null));
		Jobs.runDue(engine);
		ReturnOrder again = requestReturn(order, line(1, 1, "WRONG_ITEM"));
		Jobs.runDue(engine);
		assertThat(process(again)).isWaitingAt(USER_TASK_REVIEW_RETURN);
	}

	@Test
	void unitsARequestedReturnAsksForAreNotReshippedAndItsApprovalStaysConsistent() throws Exception {
		// Given a delivered order of 2 × A and a REQUESTED return of both
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		ReturnOrder requested = requestReturn(order, line(1, 2, "DEFECTIVE"));
		Jobs.runDue(engine);

		// When a unit is to be reshipped, Then it is refused: both units are coming back
		assertRefused(() -> reshipments.request(order.id(),
				new ReshipmentRequest(List.of(new ReshipmentRequest.Line(1, 1)), "lost"), null, "integrator"),
				"lines[0].quantity", "only 0");

		// And the agent's approval goes through with the quantities consistent
		review(reviewTask(order), "agent", "APPROVE", null);
		assertThat(returns.find(requested.id()).orElseThrow().status()).isEqualTo(ReturnStatus.APPROVED);
		assertThat(quantities(order, 1).returnInitiated()).isEqualTo(2);
		assertThat(quantities(order, 1).reshipped()).isZero();
	}

	@Test
	void unitsOfAnOrderThatHasNotShippedCannotBeReturned() throws Exception {
		// Given an order released to its location, not shipped
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = submit(orderLine(a, 2, "10.00"));
		Jobs.runDue(engine);
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.ALLOCATED);

		assertRefused(() -> requestReturn(order, line(1, 1, "DEFECTIVE")), "lines[0].quantity", "line 1 has only 0");
		assertThat(returns.ofOrder(order.id())).isEmpty();
	}

	// --- Given helpers ------------------------------------------------------------------------

	ReturnOrder approvedReturn(Order order, ReturnRequest.Line... lines) {
		ReturnOrder requested = requestReturn(order, lines);
		Jobs.runDue(engine);
		review(reviewTask(order), "agent", "APPROVE", null);
		ReturnOrder approved = returns.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(ReturnStatus.APPROVED);
		return approved;
	}

	// --- When helpers -------------------------------------------------------------------------

	static ReturnRequest.Line line(int lineNumber, int quantity, String reason) {
		return new ReturnRequest.Line(lineNumber, quantity, reason);
	}

	ReturnOrder requestReturn(Order order, ReturnRequest.Line... lines) {
		return returns.request(order.id(), new ReturnRequest(List.of(lines), null), null, "integrator").resource();
	}

	void review(Task task, String user, String decision, String note) {
		engine.getIdentityService().setAuthentication(user, List.of("service-agents"));
		try {
			Map<String, Object> variables = new HashMap<>();
			variables.put("returnDecision", decision);
			variables.put("decisionNote", note);
			engine.getTaskService().complete(task.getId(), variables);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	void inspect(Task task, String user, String damagedUnits) {
		engine.getIdentityService().setAuthentication(user, List.of("warehouse"));
		try {
			engine.getTaskService().complete(task.getId(), Map.of("damagedUnits", damagedUnits, "inspected", true));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	EventReceipt receive(ReturnOrder ret, String eventId, List<ReturnEventRequest.Line> lines) {
		return returnEvents.receive(ret.id(), new ReturnEventRequest(eventId, "RETURN_RECEIVED", null, lines));
	}

	/** Runs the return's jobs up to the one of {@code activityId}, and returns that one unrun. */
	Job runUntilDue(ReturnOrder ret, String activityId) {
		for (int i = 0; i < 10; i++) {
			Job due = engine.getManagementService()
				.createJobQuery()
				.processInstanceId(ret.processInstanceId())
				.activityId(activityId)
				.singleResult();
			if (due != null) {
				return due;
			}
			for (Job job : engine.getManagementService()
				.createJobQuery()
				.processInstanceId(ret.processInstanceId())
				.executable()
				.list()) {
				engine.getManagementService().executeJob(job.getId());
			}
		}
		throw new AssertionError(activityId + " never became due");
	}

	// --- Then helpers -------------------------------------------------------------------------

	ProcessInstance process(ReturnOrder ret) {
		return new ProcessInstanceRef(ret.processInstanceId());
	}

	Task reviewTask(Order order) {
		return task(order, USER_TASK_REVIEW_RETURN);
	}

	Task inspectionTask(Order order) {
		return task(order, USER_TASK_INSPECT_RETURN);
	}

	Task task(Order order, String key) {
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(key)
			.singleResult();
		assertThat(task).as("%s of %s", key, order.orderNumber()).isNotNull();
		return task;
	}

	void assertExpiresInAbout(ReturnOrder ret, Duration expiry) {
		Job timer = engine.getManagementService()
			.createJobQuery()
			.timers()
			.processInstanceId(ret.processInstanceId())
			.activityId(BOUNDARY_EVENT_RETURN_EXPIRED)
			.singleResult();
		assertThat(timer).as("expiry timer").isNotNull();
		Instant expected = Instant.now().plus(expiry);
		assertThat(timer.getDuedate().toInstant()).isBetween(expected.minus(Duration.ofHours(1)),
				expected.plus(Duration.ofHours(1)));
	}

	io.orderflow.order.OrderLine line(Order order, int lineNumber) {
		return orders.find(order.id())
			.orElseThrow()
			.lines()
			.stream()
			.filter(l -> l.lineNumber() == lineNumber)
			.findFirst()
			.orElseThrow();
	}

	Quantities quantities(Order order, int lineNumber) {
		return line(order, lineNumber).quantities();
	}

	long refunds(Order order) {
		return jdbc.sql("select count(*) from payment_transaction where order_id = :id and type = 'REFUND'"
				+ " and status = 'SUCCEEDED'").param("id", order.id()).query(Long.class).single();
	}

	/** A start form the agent submits that must be refused as a whole: its violations, in words. */
	String refused(Map<String, Object> form) {
		return StartFormRefusal.refused(engine, OrderProcess.ReturnProcess.KEY, "agent", "service-agents", form)
			.toString();
	}

	static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable request, String field,
			String message) {
		assertThatThrownBy(request).isInstanceOfSatisfying(InvalidRequestException.class,
				invalid -> assertThat(invalid.violations()).singleElement().satisfies(v -> {
					assertThat(v.field()).isEqualTo(field);
					assertThat(v.message()).contains(message);
				}));
	}

	ProcessInstance startFromTasklist(String user, Map<String, Object> variables) {
		return startAsAgent(OrderProcess.ReturnProcess.KEY, user, variables);
	}

}
