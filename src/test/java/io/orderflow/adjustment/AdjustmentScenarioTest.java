package io.orderflow.adjustment;

import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.END_EVENT_ADJUSTMENT_REFUNDED;
import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.END_EVENT_ADJUSTMENT_REJECTED;
import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.orderflow.platform.IdempotentRequests;
import io.orderflow.order.Order;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.Ledger;
import io.orderflow.platform.web.FieldViolation;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.ServiceScenario;
import io.orderflow.service.StartFormRefusal;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Adjustments, path by path: Given an order that shipped (and was captured), When an adjustment is
 * requested (and, above the threshold of 25.00, a supervisor other than the requester decides), Then it
 * is credited and refunded once, or not at all, and the money ledger reconciles. Adjustments of what is not
 * captured yet (a lower capture): {@link AdjustmentBeforeCaptureTest}.
 */
class AdjustmentScenarioTest extends ServiceScenario {

	@Autowired
	Adjustments adjustments;

	AdjustmentScenarioTest() {
		super("ADJ", "Adjustment", "adjust");
	}

	@Test
	void appeasementWithinTheThresholdIsRefundedAtOnceAfterCapture() throws Exception {
		// Given an order of 2 × 10.00 (+19 % tax) that shipped and was captured: 23.80
		Order order = shippedOrder("10.00", "0.00");
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");

		// When the agent takes 5.00 off line 1
		Adjustment requested = adjust(order, 1, "5.00", null, "agent");
		assertThat(requested.status()).isEqualTo(AdjustmentStatus.REQUESTED);
		assertThat(requested.netAmount()).isEqualByComparingTo("4.20");
		assertThat(requested.taxAmount()).isEqualByComparingTo("0.80");
		Jobs.runDue(engine);

		// Then no supervisor is asked, a credit memo of 5.00 is issued and refunded, and the timeline says so
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		assertThat(done.approvedBy()).isNull();
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_ADJUSTMENT_REFUNDED)
			.hasNotPassed(USER_TASK_APPROVE_APPEASEMENT);
		CreditMemo memo = memo(done);
		assertThat(memo.sourceKey()).isEqualTo("adjustment:" + done.id());
		assertThat(memo.totalAmount()).isEqualByComparingTo("5.00");
		assertThat(memo.status()).isEqualTo(CreditMemo.Status.ISSUED);
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.refunded()).isEqualByComparingTo("5.00");
		assertThat(ledger.credited()).isEqualByComparingTo("5.00");
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.type().equals("ADJUSTMENT")
				&& e.description().startsWith("Adjustment refunded: 5.00 EUR on line 1"));
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.type().equals("NOTIFICATION")
				&& e.description().contains("We credited you for your order") && e.description().contains("5.00 EUR"));

		// And what is left of the line is its value minus the adjustment
		assertThatThrownBy(() -> adjust(order, 1, "18.81", null, "agent")).isInstanceOf(InvalidRequestException.class)
			.satisfies(e -> assertThat(((InvalidRequestException) e).violations())
				.singleElement()
				.satisfies(v -> {
					assertThat(v.field()).isEqualTo("amount");
					assertThat(v.message()).contains("only 18.80 EUR available");
				}));
	}

	@Test
	void appeasementAboveTheThresholdIsApprovedByAnotherSupervisor() throws Exception {
		// Given a captured order of 2 × 50.00: 119.00
		Order order = shippedOrder("50.00", "0.00");

		// When a supervisor asks for 30.00 off line 1
		Adjustment requested = adjust(order, 1, "30.00", null, "sam");
		Jobs.runDue(engine);

		// Then it waits for another supervisor, with the order and the request on the task
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.PENDING_APPROVAL);
		Task approval = task(order);
		assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
			.anyMatch(link -> "supervisors".equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariables(approval.getId())).containsKeys("orderNumber", "orderLines",
				"adjustmentRequest", "adjustmentApprovalReason", "adjustmentRequestedBy");
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(engine.getTaskService().getVariableLocal(approval.getId(), "decisionMoney"))
			.isEqualTo("Approve: 30.00 EUR off line 1, all of it refunded now: it was charged.\n"
					+ "Reject: nothing is credited, refunded or taken off a capture.");

		// And when another supervisor approves
		complete(approval, "kim", "APPROVE", "long delivery");
		Jobs.runDue(engine);

		// Then it is refunded, and who approved is on the adjustment and the timeline
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		assertThat(done.approvedBy()).isEqualTo("kim");
		assertThat(done.decisionNote()).isEqualTo("long delivery");
		assertThat(process(done)).isEnded().hasPassed(USER_TASK_APPROVE_APPEASEMENT, END_EVENT_ADJUSTMENT_REFUNDED);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("30.00");
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.actor().equals("kim") && e.description().contains("APPROVE"))
			.anyMatch(e -> e.description().contains("approved by kim"));
	}

	@Test
	void theRequesterCannotApproveTheirOwnAppeasement() throws Exception {
		Order order = shippedOrder("50.00", "0.00");
		Adjustment requested = adjust(order, 1, "30.00", null, "sam");
		Jobs.runDue(engine);
		Task approval = task(order);

		// When the requester completes the approval themselves, claimed or not
		// (the engine wraps the listener's refusal; its cause says why)
		assertThatThrownBy(() -> complete(approval, "sam", "APPROVE", "mine")).isInstanceOf(ProcessEngineException.class)
			.hasRootCauseInstanceOf(AuthorizationException.class)
			.hasMessageContaining("sam requested this adjustment");
		engine.getTaskService().claim(approval.getId(), "sam");
		assertThatThrownBy(() -> engine.getTaskService().complete(approval.getId(), Map.of("appeasementDecision",
				"APPROVE"))).hasRootCauseInstanceOf(AuthorizationException.class);

		// Then nothing happened: the task is still open, nothing is refunded
		assertThat(task(order).getId()).isEqualTo(approval.getId());
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.PENDING_APPROVAL);
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(orders.timeline(order.id())).noneMatch(e -> e.actor().equals("sam") && e.description().contains("APPROVE"));

		// And another supervisor can still decide
		engine.getTaskService().setAssignee(approval.getId(), "kim");
		complete(approval, "kim", "APPROVE", null);
		Jobs.runDue(engine);
		assertThat(adjustments.find(requested.id()).orElseThrow().approvedBy()).isEqualTo("kim");
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("30.00");
	}

	@Test
	void rejectedAppeasementCreditsNothing() throws Exception {
		Order order = shippedOrder("50.00", "0.00");
		Adjustment requested = adjust(order, 1, "40.00", null, "sam");
		Jobs.runDue(engine);

		complete(task(order), "kim", "REJECT", "not justified");
		Jobs.runDue(engine);

		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REJECTED);
		assertThat(done.approvedBy()).isEqualTo("kim");
		assertThat(done.creditMemoId()).isNull();
		assertThat(process(done)).isEnded().hasPassed(END_EVENT_ADJUSTMENT_REJECTED);
		assertThat(refunds.creditMemos(order.id())).isEmpty();
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		// a rejected adjustment holds nothing back: the whole line is available again
		Adjustment again = adjust(order, 1, "40.00", null, "sam");
		assertThat(again.amount()).isEqualByComparingTo("40.00");
		Jobs.runDue(engine);
		complete(task(order), "kim", "REJECT", null);
		Jobs.runDue(engine);
	}

	@Test
	void percentageOfShippingIsRoundedHalfUpAndRefunded() throws Exception {
		// Given a captured order with 4.90 shipping
		Order order = shippedOrder("10.00", "4.90");

		// When 15 % of shipping is taken off: 0.735 -> 0.74
		Adjustment requested = adjustments
			.request(order.id(), new AdjustmentRequest(null, true, null, new BigDecimal("15"), "late parcel"), null,
					"agent")
			.resource();
		Jobs.runDue(engine);

		// Then 0.74 is credited as shipping and refunded
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.kind()).isEqualTo(Adjustment.Kind.PERCENTAGE);
		assertThat(done.target()).isEqualTo(Adjustment.Target.SHIPPING);
		assertThat(done.amount()).isEqualByComparingTo("0.74");
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		CreditMemo memo = memo(done);
		assertThat(memo.shippingAmount()).isEqualByComparingTo("0.74");
		assertThat(memo.items()).isEmpty();
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("0.74");

		// And shipping has 4.16 left
		assertThatThrownBy(() -> adjustments.request(order.id(),
				new AdjustmentRequest(null, true, new BigDecimal("4.17"), null, "more"), null, "agent"))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("amount");
	}

	@Test
	void approvalCompletedTwiceRefundsOnce() throws Exception {
		Order order = shippedOrder("50.00", "0.00");
		Adjustment requested = adjust(order, 1, "30.00", null, "sam");
		Jobs.runDue(engine);
		Task approval = task(order);

		complete(approval, "kim", "APPROVE", "first");
		assertThatThrownBy(() -> complete(approval, "lee", "REJECT", "second"))
			.isInstanceOf(ProcessEngineException.class);
		Jobs.runDue(engine);

		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		assertThat(done.approvedBy()).isEqualTo("kim");
		assertThat(refunds.creditMemos(order.id())).hasSize(1);
		assertThat(jdbc.sql("select count(*) from payment_transaction where order_id = :id and type = 'REFUND'"
				+ " and status = 'SUCCEEDED'").param("id", order.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("30.00");
	}

	@Test
	void aRepeatedRequestWithTheSameKeyCreatesOneAdjustment() throws Exception {
		Order order = shippedOrder("10.00", "0.00");
		AdjustmentRequest request = new AdjustmentRequest(1, null, new BigDecimal("3.00"), null, "scratch");
		IdempotentRequests.Outcome<Adjustment> first = adjustments.request(order.id(), request, "k-" + run, "agent");
		IdempotentRequests.Outcome<Adjustment> second = adjustments.request(order.id(), request, "k-" + run, "agent");
		assertThat(second.replay()).isTrue();
		assertThat(second.resource().id()).isEqualTo(first.resource().id());
		assertThatThrownBy(() -> adjustments.request(order.id(),
				new AdjustmentRequest(1, null, new BigDecimal("4.00"), null, "scratch"), "k-" + run, "agent"))
			.isInstanceOf(InvalidRequestException.class);
		Jobs.runDue(engine);
		assertThat(adjustments.ofOrder(order.id())).hasSize(1);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("3.00");
	}

	@Test
	void agentStartsAnAdjustmentFromTasklistWithTheStartForm() throws Exception {
		// Given a captured order
		Order order = shippedOrder("10.00", "4.90");

		// When an agent starts OrderAdjustment with the start form's fields
		ProcessInstance started = startFromTasklist("agent", Map.of("orderNumber", order.orderNumber(),
				"adjustmentTarget", "LINE", "adjustmentLineNumber", 1L, "adjustmentKind", "AMOUNT", "adjustmentValue",
				"2.50", "adjustmentReason", "box dented"));
		Jobs.runDue(engine);

		// Then the adjustment is stored by the same rules as over REST, requested by the agent, and refunded
		List<Adjustment> stored = adjustments.ofOrder(order.id());
		assertThat(stored).singleElement().satisfies(a -> {
			assertThat(a.requestedBy()).isEqualTo("agent");
			assertThat(a.amount()).isEqualByComparingTo("2.50");
			assertThat(a.processInstanceId()).isEqualTo(started.getId());
			assertThat(a.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		});
		assertThat(new ProcessInstanceRef(started.getId())).isEnded().hasPassed(END_EVENT_ADJUSTMENT_REFUNDED);
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(started.getId())
			.singleResult().getBusinessKey()).isEqualTo(order.orderNumber());
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("2.50");
	}

	@Test
	void theSameStartFormSubmittedTwiceCreditsOnce() throws Exception {
		// Given a captured order, and an agent who took 2.50 off line 1 from Tasklist
		Order order = shippedOrder("10.00", "4.90");
		Map<String, Object> form = Map.of("orderNumber", order.orderNumber(), "adjustmentTarget", "LINE",
				"adjustmentLineNumber", 1L, "adjustmentKind", "AMOUNT", "adjustmentValue", "2.50", "adjustmentReason",
				"box dented");
		startFromTasklist("agent", form);

		// When the same form is submitted again (a double click on "Start")
		List<FieldViolation> again = refused(form);
		Jobs.runDue(engine);

		// Then the repeat is refused, and 2.50 is refunded once
		assertThat(StartFormRefusal.byField(again)).containsOnlyKeys("orderNumber");
		assertThat(StartFormRefusal.byField(again).get("orderNumber")).contains("the same adjustment");
		assertThat(adjustments.ofOrder(order.id())).hasSize(1);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("2.50");
	}

	@Test
	void invalidStartFromTasklistIsRefusedNamingTheFieldsAndStoresNothing() throws Exception {
		Order order = shippedOrder("10.00", "4.90");

		List<FieldViolation> unknownOrder = refused(Map.of("orderNumber", "OF-NOPE", "adjustmentTarget", "SHIPPING",
				"adjustmentKind", "PERCENTAGE", "adjustmentValue", "10", "adjustmentReason", "late"));
		List<FieldViolation> tooMuch = refused(Map.of("orderNumber", order.orderNumber(), "adjustmentTarget", "SHIPPING",
				"adjustmentKind", "AMOUNT", "adjustmentValue", "9.00", "adjustmentReason", "late"));
		List<FieldViolation> garbled = refused(Map.of("orderNumber", order.orderNumber(), "adjustmentTarget", "LINE",
				"adjustmentKind", "AMOUNT", "adjustmentValue", "lots"));

		assertThat(StartFormRefusal.byField(unknownOrder)).containsOnlyKeys("orderNumber");
		assertThat(StartFormRefusal.byField(tooMuch)).containsKey("amount");
		assertThat(StartFormRefusal.byField(tooMuch).get("amount")).contains("only 4.90 EUR");
		assertThat(StartFormRefusal.byField(garbled)).containsKeys("adjustmentLineNumber", "adjustmentValue");
		assertThat(adjustments.ofOrder(order.id())).isEmpty();
	}

	List<FieldViolation> refused(Map<String, Object> form) {
		return StartFormRefusal.refused(engine, io.orderflow.OrderProcess.AdjustmentProcess.KEY, "agent",
				"service-agents", form);
	}

	// --- When helpers -------------------------------------------------------------------------

	Adjustment adjust(Order order, Integer lineNumber, String amount, String percentage, String by) {
		return adjustments.request(order.id(), new AdjustmentRequest(lineNumber, null,
				amount == null ? null : new BigDecimal(amount), percentage == null ? null : new BigDecimal(percentage),
				"customer unhappy"), null, by).resource();
	}

	void complete(Task task, String user, String decision, String note) {
		engine.getIdentityService().setAuthentication(user, List.of("supervisors"));
		try {
			Map<String, Object> variables = new java.util.HashMap<>();
			variables.put("appeasementDecision", decision);
			variables.put("decisionNote", note);
			engine.getTaskService().complete(task.getId(), variables);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	// --- Then helpers -------------------------------------------------------------------------

	ProcessInstance process(Adjustment adjustment) {
		return new ProcessInstanceRef(adjustment.processInstanceId());
	}

	CreditMemo memo(Adjustment adjustment) {
		return refunds.creditMemos(adjustment.orderId())
			.stream()
			.filter(m -> m.id().equals(adjustment.creditMemoId()))
			.findFirst()
			.orElseThrow();
	}

	Task task(Order order) {
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(USER_TASK_APPROVE_APPEASEMENT)
			.singleResult();
		assertThat(task).as("approval task of %s", order.orderNumber()).isNotNull();
		return task;
	}

	/** An order of 2 units at {@code unitPrice} (19 % tax) that shipped, was captured and delivered. */
	Order shippedOrder(String unitPrice, String shipping) throws Exception {
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(shipping, orderLine(a, 2, unitPrice));
		Jobs.runDue(engine);
		shipAndDeliver(fulfillmentOrders.ofOrder(order.id()).get(0));
		return orders.find(order.id()).orElseThrow();
	}

	@SafeVarargs
	final Order submit(String shipping, Map<String, Object>... lines) throws Exception {
		Map<String, Object> order = orderOf(lines);
		order.put("shippingCharge", shipping);
		return submitOrder(order);
	}

	ProcessInstance startFromTasklist(String user, Map<String, Object> variables) {
		return startAsAgent(io.orderflow.OrderProcess.AdjustmentProcess.KEY, user, variables);
	}

}
