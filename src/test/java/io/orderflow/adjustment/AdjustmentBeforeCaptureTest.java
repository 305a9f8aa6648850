package io.orderflow.adjustment;

import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.END_EVENT_ADJUSTMENT_REFUNDED;
import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.TASK_REFUND_ADJUSTMENT;
import static io.orderflow.OrderProcess.AdjustmentProcess.Elements.USER_TASK_APPROVE_APPEASEMENT;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_CAPTURE_PAYMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.orderflow.cancellation.CancellationRequest;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.Invoice;
import io.orderflow.payment.InvoiceLine;
import io.orderflow.payment.Ledger;
import io.orderflow.payment.PendingCredit;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.ServiceScenario;
import io.orderflow.payment.PendingCreditChanged;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import io.orderflow.testsupport.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Adjustments of what is not (all) captured yet, "a lower capture": Given an order whose line (or shipping)
 * has not shipped, or only partly, When an adjustment is approved, Then what was captured of it is refunded
 * and the rest is taken off the next capture(s) (a credit memo issued with the invoice), once, carried over
 * split shipments, and lapses when the order is canceled first; the money ledger reconciles throughout.
 */
class AdjustmentBeforeCaptureTest extends ServiceScenario {

	@Autowired
	Adjustments adjustments;

	@Autowired
	Cancellations cancellations;

	@Autowired
	IncompleteEventPublications incompletePublications;

	AdjustmentBeforeCaptureTest() {
		super("LOW", "Lower capture", "lower");
	}

	@Test
	void appeasementOnAnUnshippedLineLowersTheCaptureOfItsShipment() throws Exception {
		// Given an order of 2 × 10.00 (+19 %) and 4.90 shipping, released but not shipped: 28.70, nothing captured
		Order order = releasedOrder("tok_approve", "4.90", 1);
		assertThat(payments.ledger(order.id()).captured()).isZero();

		// When the agent takes 5.00 off line 1 (within the approval threshold)
		Adjustment requested = adjust(order, 1, "5.00", "agent");
		Jobs.runDue(engine);

		// Then nothing is refunded (nothing was paid), and the 5.00 waits for the line's capture
		Adjustment approved = adjustments.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);
		assertThat(approved.refundedAmount()).isEqualByComparingTo("0.00");
		assertThat(approved.pendingAmount()).isEqualByComparingTo("5.00");
		assertThat(approved.awaitingCaptureAmount()).isEqualByComparingTo("5.00");
		assertThat(approved.creditMemoId()).isNull();
		assertThat(process(approved)).isEnded().hasPassed(END_EVENT_ADJUSTMENT_REFUNDED)
			.hasNotPassed(USER_TASK_APPROVE_APPEASEMENT);
		assertThat(refunds.creditMemos(order.id())).isEmpty();
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		Invariants.assertHold(jdbc, engine);

		// When the line ships
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		ship(fo);

		// Then the invoice is the full 28.70, a credit memo of 5.00 is issued against it, and 23.70 is captured
		Invoice invoice = invoiceOf(order, fo);
		assertThat(invoice.totalAmount()).isEqualByComparingTo("28.70");
		CreditMemo memo = onlyMemo(order);
		assertThat(memo.sourceKey()).isEqualTo("adjustment:" + requested.id() + ":capture:" + fo.id());
		assertThat(memo.status()).isEqualTo(CreditMemo.Status.ISSUED);
		assertThat(memo.totalAmount()).isEqualByComparingTo("5.00");
		assertThat(memo.items()).singleElement().satisfies(item -> {
			assertThat(item.lineNumber()).isEqualTo(1);
			assertThat(item.netAmount()).isEqualByComparingTo("4.20");
			assertThat(item.taxAmount()).isEqualByComparingTo("0.80");
		});
		assertThat(memo.refunds()).isEmpty();
		assertThat(captures(order)).containsExactly(new BigDecimal("23.70"));
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.captured()).isEqualByComparingTo("23.70");
		assertThat(ledger.invoiced()).isEqualByComparingTo("28.70");
		assertThat(ledger.credited()).isEqualByComparingTo("5.00");
		assertThat(ledger.refunded()).isZero();

		// And the adjustment is applied, and the timeline says so
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.APPLIED);
		assertThat(done.captureLoweredAmount()).isEqualByComparingTo("5.00");
		assertThat(done.awaitingCaptureAmount()).isEqualByComparingTo("0.00");
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.description().startsWith("Adjustment approved: 5.00 EUR on line 1"))
			.anyMatch(e -> e.description().startsWith("Adjustment lowered the capture of invoice " + invoice.invoiceNumber()))
			.anyMatch(e -> e.description().startsWith("Captured 23.70 EUR for invoice " + invoice.invoiceNumber())
					&& e.description().contains("5.00 EUR less for credit memo(s) " + memo.creditMemoNumber()));

		// And the line has 18.80 left to adjust, now refunded since it is captured
		assertThatThrownBy(() -> adjust(order, 1, "18.81", "agent")).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("amount");
		Adjustment later = adjust(order, 1, "3.00", "agent");
		Jobs.runDue(engine);
		assertThat(adjustments.find(later.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.REFUNDED);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("3.00");
	}

	@Test
	void theLowerCaptureReachesTheAdjustmentAgainWhenANodeDiedBeforeItsListenerRan() throws Exception {
		// Given an appeasement waiting for its line's capture, and the line shipped and captured 5.00 lower
		Order order = releasedOrder("tok_approve", "0.00", 1);
		Adjustment requested = adjust(order, 1, "5.00", "agent");
		Jobs.runDue(engine);
		ship(fulfillmentOrders.ofOrder(order.id()).get(0));
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.APPLIED);
		String publication = jdbc.sql("""
				select cast(id as varchar(36)) from event_publication
				where event_type = :type and serialized_event like :adjustment and completion_date is not null""")
			.param("type", PendingCreditChanged.class.getName())
			.param("adjustment", "%adjustment:" + requested.id() + "%")
			.query(String.class)
			.single();

		// When the node had died after the capture committed and before the adjustment heard of it: the
		// adjustment still waits, its timeline entry is not written, the stored event is not completed
		jdbc.sql("""
				update adjustment set status = 'AWAITING_CAPTURE', capture_lowered_amount = 0 where id = :id""")
			.param("id", requested.id())
			.update();
		jdbc.sql("""
				delete from order_timeline
				where order_id = :orderId and description like 'Adjustment lowered the capture of invoice%'""")
			.param("orderId", order.id())
			.update();
		jdbc.sql("update event_publication set completion_date = null where cast(id as varchar(36)) = :id")
			.param("id", publication)
			.update();
		// and a node starts again (what spring.modulith.events.republish-outstanding-events-on-restart runs)
		incompletePublications.resubmitIncompletePublications(stored -> true);

		// Then the adjustment is applied, once, and the stored event is completed
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.APPLIED);
		assertThat(done.captureLoweredAmount()).isEqualByComparingTo("5.00");
		assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null")
			.query(Long.class)
			.single()).isZero();
		assertThat(orders.timeline(order.id()))
			.filteredOn(e -> e.description().startsWith("Adjustment lowered the capture of invoice"))
			.hasSize(1);

		// And the same event delivered twice changes nothing the second time
		jdbc.sql("update event_publication set completion_date = null where cast(id as varchar(36)) = :id")
			.param("id", publication)
			.update();
		incompletePublications.resubmitIncompletePublications(stored -> true);
		assertThat(orders.timeline(order.id()))
			.filteredOn(e -> e.description().startsWith("Adjustment lowered the capture of invoice"))
			.hasSize(1);
		Invariants.assertHold(jdbc, engine);
	}

	@Test
	void shippingDiscountBeforeShipmentLowersTheCaptureOfTheShippingShare() throws Exception {
		// Given an unshipped order of 23.80 and 4.90 shipping
		Order order = releasedOrder("tok_approve", "4.90", 1);

		// When half of shipping is taken off (2.45)
		Adjustment requested = adjustments
			.request(order.id(), new AdjustmentRequest(null, true, null, new BigDecimal("50"), "late"), null, "agent")
			.resource();
		Jobs.runDue(engine);
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);

		// Then the shipment's capture is 28.70 - 2.45, credited as shipping
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		ship(fo);
		assertThat(captures(order)).containsExactly(new BigDecimal("26.25"));
		CreditMemo memo = onlyMemo(order);
		assertThat(memo.shippingAmount()).isEqualByComparingTo("2.45");
		assertThat(memo.items()).isEmpty();
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.APPLIED);
		assertThat(done.captureLoweredAmount()).isEqualByComparingTo("2.45");
	}

	@Test
	void splitShipmentsCarryTheRestOfTheDiscountToTheNextInvoice() throws Exception {
		// Given line 1 (2 × 10.00 +19 %) split over two locations, one unit each, nothing shipped
		Order order = releasedOrder("tok_approve", "0.00", 2);
		List<FulfillmentOrder> split = fulfillmentOrders.ofOrder(order.id());
		assertThat(split).hasSize(2);

		// When 15.00 is taken off line 1, more than one unit's 11.90
		Adjustment requested = adjust(order, 1, "15.00", "agent");
		Jobs.runDue(engine);
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);

		// Then the first shipment's invoice takes 11.90 of it: nothing is left to capture
		ship(split.get(0));
		assertThat(invoiceOf(order, split.get(0)).totalAmount()).isEqualByComparingTo("11.90");
		assertThat(payments.ledger(order.id()).captured()).isZero();
		assertThat(payments.ledger(order.id()).credited()).isEqualByComparingTo("11.90");
		Adjustment half = adjustments.find(requested.id()).orElseThrow();
		assertThat(half.status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);
		assertThat(half.captureLoweredAmount()).isEqualByComparingTo("11.90");
		assertThat(half.awaitingCaptureAmount()).isEqualByComparingTo("3.10");
		Invariants.assertHold(jdbc, engine);

		// And the second shipment's invoice takes the remaining 3.10: 8.80 captured
		ship(split.get(1));
		assertThat(captures(order)).containsExactly(new BigDecimal("8.80"));
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.invoiced()).isEqualByComparingTo("23.80");
		assertThat(ledger.credited()).isEqualByComparingTo("15.00");
		assertThat(ledger.refunded()).isZero();
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.APPLIED);
		assertThat(done.captureLoweredAmount()).isEqualByComparingTo("15.00");
		assertThat(pendingCredits.pendingCredit("adjustment:" + requested.id()).orElseThrow().status())
			.isEqualTo(PendingCredit.Status.APPLIED);
		assertThat(refunds.creditMemos(order.id())).hasSize(2)
			.allSatisfy(memo -> assertThat(memo.status()).isEqualTo(CreditMemo.Status.ISSUED));
	}

	@Test
	void partlyCapturedLineGetsARefundAndALowerCapture() throws Exception {
		// Given line 1 split over two locations, of which one shipped: 11.90 captured
		Order order = releasedOrder("tok_approve", "0.00", 2);
		List<FulfillmentOrder> split = fulfillmentOrders.ofOrder(order.id());
		ship(split.get(0));
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("11.90");

		// When 15.00 is taken off line 1
		Adjustment requested = adjust(order, 1, "15.00", "agent");
		Jobs.runDue(engine);

		// Then the 11.90 paid is credited and refunded, and 3.10 waits for the rest of the line
		Adjustment approved = adjustments.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);
		assertThat(approved.refundedAmount()).isEqualByComparingTo("11.90");
		assertThat(approved.awaitingCaptureAmount()).isEqualByComparingTo("3.10");
		CreditMemo refund = refunds.creditMemo("adjustment:" + requested.id()).orElseThrow();
		assertThat(refund.totalAmount()).isEqualByComparingTo("11.90");
		assertThat(refund.id()).isEqualTo(approved.creditMemoId());
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("11.90");
		Invariants.assertHold(jdbc, engine);

		// When the other unit ships, Then its capture is 3.10 lower
		ship(split.get(1));
		assertThat(captures(order)).containsExactly(new BigDecimal("11.90"), new BigDecimal("8.80"));
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.refunded()).isEqualByComparingTo("11.90");
		assertThat(ledger.credited()).isEqualByComparingTo("15.00");
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.APPLIED);
		assertThat(done.refundedAmount()).isEqualByComparingTo("11.90");
		assertThat(done.captureLoweredAmount()).isEqualByComparingTo("3.10");
	}

	@Test
	void theApprovalSaysWhatIsRefundedNowAndWhatComesOffTheNextCapture() throws Exception {
		// Given line 1 of 2 × 50.00 (+19 %: 119.00) split over two locations, of which one shipped: 59.50 captured
		String a = sku("A");
		stock(location("BER", 1), a, 1);
		stock(location("HAM", 2), a, 1);
		Map<String, Object> submission = orderOf(orderLine(a, 2, "50.00"));
		submission.put("shippingCharge", "0.00");
		Order order = submitOrder(submission);
		Jobs.runDue(engine);
		List<FulfillmentOrder> split = fulfillmentOrders.ofOrder(order.id());
		assertThat(split).hasSize(2);
		ship(split.get(0));
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("59.50");

		// When a supervisor asks for 80.00 off line 1, above the approval threshold
		Adjustment requested = adjust(order, 1, "80.00", "sam");
		Jobs.runDue(engine);

		// Then the approval says: the 59.50 charged is refunded now, the other 20.50 comes off the other unit's capture
		org.camunda.bpm.engine.task.Task approval = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(requested.processInstanceId())
			.taskDefinitionKey(USER_TASK_APPROVE_APPEASEMENT)
			.singleResult();
		assertThat(engine.getTaskService().getVariableLocal(approval.getId(), "decisionMoney")).isEqualTo(
				"Approve: 80.00 EUR off line 1: 59.50 EUR of it is refunded now, as much as was charged for line 1 and not "
						+ "given back yet; the other 20.50 EUR is taken off the next capture(s) of line 1, as it ships.\n"
						+ "Reject: nothing is credited, refunded or taken off a capture.");

		// And when another supervisor approves, that is what happens
		engine.getIdentityService().setAuthentication("kim", List.of("supervisors"));
		try {
			engine.getTaskService().complete(approval.getId(), Map.of("appeasementDecision", "APPROVE"));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		Jobs.runDue(engine);
		Adjustment approved = adjustments.find(requested.id()).orElseThrow();
		assertThat(approved.refundedAmount()).isEqualByComparingTo("59.50");
		assertThat(approved.awaitingCaptureAmount()).isEqualByComparingTo("20.50");
		ship(split.get(1));
		assertThat(captures(order)).containsExactly(new BigDecimal("59.50"), new BigDecimal("39.00"));
	}

	@Test
	void moreThanTheLineIsWorthIsRefusedNamingTheFieldAndTheAvailableAmount() throws Exception {
		// Given an unshipped order of 2 × 10.00 (+19 %): 23.80, and 4.90 shipping
		Order order = releasedOrder("tok_approve", "4.90", 1);

		// When more than the line is worth is asked for, Then it is refused naming the field and 23.80
		assertThatThrownBy(() -> adjust(order, 1, "23.81", "agent")).isInstanceOf(InvalidRequestException.class)
			.satisfies(e -> assertThat(((InvalidRequestException) e).violations()).singleElement().satisfies(v -> {
				assertThat(v.field()).isEqualTo("amount");
				assertThat(v.message()).contains("line 1").contains("only 23.80 EUR available");
			}));
		assertThatThrownBy(() -> adjustments.request(order.id(),
				new AdjustmentRequest(null, true, new BigDecimal("4.91"), null, "late"), null, "agent"))
			.isInstanceOf(InvalidRequestException.class)
			.satisfies(e -> assertThat(((InvalidRequestException) e).violations().get(0).message())
				.contains("shipping").contains("only 4.90 EUR available"));
		assertThat(adjustments.ofOrder(order.id())).isEmpty();

		// And what an approved adjustment awaiting the capture holds is not available twice
		Adjustment first = adjust(order, 1, "20.00", "agent");
		Jobs.runDue(engine);
		assertThat(adjustments.find(first.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);
		assertThatThrownBy(() -> adjust(order, 1, "3.81", "agent")).isInstanceOf(InvalidRequestException.class)
			.satisfies(e -> assertThat(((InvalidRequestException) e).violations().get(0).message())
				.contains("only 3.80 EUR available"));
		assertThat(adjustments.ofOrder(order.id())).hasSize(1);
	}

	@Test
	void aRetriedCaptureTakesThePendingDiscountOnce() throws Exception {
		// Given a gateway that fails the first attempt of every call, and a discount of 5.00 awaiting the capture
		Order order = releasedOrder("tok_transient_1", "4.90", 1);
		Adjustment requested = adjust(order, 1, "5.00", "agent");
		Jobs.runDue(engine);
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);

		// When the line ships and the capture fails once, then is retried
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		locationEvents.receive(fo.id(), new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null, null,
				null));
		Jobs.runDue(engine);
		assertThat(payments.ledger(order.id()).captured()).isZero();
		assertThat(invoiceOf(order, fo).status()).isEqualTo(Invoice.Status.DRAFT);
		Jobs.retryNow(engine, TASK_CAPTURE_PAYMENT);

		// Then the discount is taken off once: one credit memo, one capture of 23.70
		assertThat(refunds.creditMemos(order.id())).hasSize(1);
		assertThat(captures(order)).containsExactly(new BigDecimal("23.70"));
		assertThat(adjustments.find(requested.id()).orElseThrow().captureLoweredAmount()).isEqualByComparingTo("5.00");

		// And capturing the fulfillment order again (a late duplicate) changes nothing
		captures.captureFulfillmentOrder(order.id(), fo.id(), fo.number(),
				fo.lines().stream().map(line -> new InvoiceLine(line.lineNumber(), line.quantity())).toList());
		assertThat(refunds.creditMemos(order.id())).hasSize(1);
		assertThat(captures(order)).containsExactly(new BigDecimal("23.70"));
		assertThat(payments.ledger(order.id()).credited()).isEqualByComparingTo("5.00");
	}

	@Test
	void adjustmentApprovedWhileACaptureIsUnderWayWaitsForItAndIsThenRefunded() throws Exception {
		// Given a gateway that fails the first attempt of every call, and a shipment whose capture failed once
		Order order = releasedOrder("tok_transient_1", "4.90", 1);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		ship(fo);
		assertThat(invoiceOf(order, fo).status()).isEqualTo(Invoice.Status.DRAFT);

		// When 5.00 is taken off line 1 meanwhile, Then it waits for the capture: nothing credited or pending
		Adjustment requested = adjust(order, 1, "5.00", "agent");
		assertThat(Jobs.runDue(engine)).singleElement()
			.satisfies(e -> assertThat(e).hasMessageContaining("is being captured"));
		assertThat(adjustments.find(requested.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.REQUESTED);
		assertThat(pendingCredits.pendingCredit("adjustment:" + requested.id())).isEmpty();

		// When the capture goes through and the adjustment is retried (its refund failing once, too)
		Jobs.retryNow(engine, TASK_CAPTURE_PAYMENT);
		assertThat(captures(order)).containsExactly(new BigDecimal("28.70"));
		Jobs.retryNow(engine, TASK_REFUND_ADJUSTMENT);
		Jobs.retryNow(engine, TASK_REFUND_ADJUSTMENT);

		// Then all of it is refunded, since all of the line is now paid
		Adjustment done = adjustments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(AdjustmentStatus.REFUNDED);
		assertThat(done.refundedAmount()).isEqualByComparingTo("5.00");
		assertThat(done.pendingAmount()).isEqualByComparingTo("0.00");
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("5.00");
	}

	@Test
	void wholeOrderCancellationBeforeShipmentLapsesThePendingDiscount() throws Exception {
		// Given a discount of 5.00 on line 1 and 2.00 on shipping awaiting the capture
		Order order = releasedOrder("tok_approve", "4.90", 1);
		Adjustment line = adjust(order, 1, "5.00", "agent");
		Adjustment shipping = adjustments
			.request(order.id(), new AdjustmentRequest(null, true, new BigDecimal("2.00"), null, "late"), null, "agent")
			.resource();
		Jobs.runDue(engine);
		assertThat(adjustments.find(line.id()).orElseThrow().status()).isEqualTo(AdjustmentStatus.AWAITING_CAPTURE);

		// When the whole order is canceled before it ships
		cancellations.request(order.id(), new CancellationRequest(null, true, "customer changed their mind"), null,
				"integrator");
		Jobs.runDue(engine);
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELED);

		// Then both discounts lapse, nothing was credited, captured or refunded, and the timeline says so
		for (Adjustment adjustment : List.of(line, shipping)) {
			Adjustment lapsed = adjustments.find(adjustment.id()).orElseThrow();
			assertThat(lapsed.status()).isEqualTo(AdjustmentStatus.LAPSED);
			assertThat(lapsed.lapsedAmount()).isEqualByComparingTo(adjustment.amount());
			assertThat(lapsed.captureLoweredAmount()).isEqualByComparingTo("0.00");
			assertThat(lapsed.awaitingCaptureAmount()).isEqualByComparingTo("0.00");
			assertThat(pendingCredits.pendingCredit("adjustment:" + adjustment.id()).orElseThrow().status())
				.isEqualTo(PendingCredit.Status.LAPSED);
		}
		assertThat(refunds.creditMemos(order.id())).isEmpty();
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.captured()).isZero();
		assertThat(ledger.credited()).isZero();
		assertThat(orders.timeline(order.id()))
			.anyMatch(e -> e.type().equals("ADJUSTMENT") && e.description().startsWith("Adjustment lapsed: 5.00 EUR on line 1"))
			.anyMatch(e -> e.type().equals("ADJUSTMENT") && e.description().startsWith("Adjustment lapsed: 2.00 EUR on shipping"));

		// And nothing is left to adjust
		assertThatThrownBy(() -> adjust(order, 1, "0.01", "agent")).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("only 0.00 EUR available");
	}

	// --- Given helpers ------------------------------------------------------------------------

	/**
	 * An order of 2 units at 10.00 (19 % tax) with {@code shipping}, authorized and released: at one location
	 * ({@code locations} 1) or split over two locations with one unit each ({@code locations} 2).
	 */
	Order releasedOrder(String token, String shipping, int locations) throws Exception {
		String a = sku("A");
		if (locations == 1) {
			stock(location("BER", 1), a, 10);
		}
		else {
			stock(location("BER", 1), a, 1);
			stock(location("HAM", 2), a, 1);
		}
		Map<String, Object> submission = orderOf(orderLine(a, 2, "10.00"));
		submission.put("shippingCharge", shipping);
		submission.put("payment", TestOrders.map("method", "CARD", "token", token));
		Order order = submitOrder(submission);
		if (!Jobs.runDue(engine).isEmpty()) {
			Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);
		}
		assertThat(fulfillmentOrders.ofOrder(order.id())).hasSize(locations);
		return orders.find(order.id()).orElseThrow();
	}

	// --- When helpers -------------------------------------------------------------------------

	Adjustment adjust(Order order, int lineNumber, String amount, String by) {
		return adjustments.request(order.id(),
				new AdjustmentRequest(lineNumber, null, new BigDecimal(amount), null, "customer unhappy"), null, by)
			.resource();
	}

	// --- Then helpers -------------------------------------------------------------------------

	ProcessInstanceRef process(Adjustment adjustment) {
		return new ProcessInstanceRef(adjustment.processInstanceId());
	}

	Invoice invoiceOf(Order order, FulfillmentOrder fo) {
		return captures.invoices(order.id())
			.stream()
			.filter(invoice -> invoice.fulfillmentOrderId().equals(fo.id()))
			.findFirst()
			.orElseThrow();
	}

	CreditMemo onlyMemo(Order order) {
		List<CreditMemo> memos = refunds.creditMemos(order.id());
		assertThat(memos).hasSize(1);
		return memos.get(0);
	}

	/** The amounts of the order's successful captures, oldest first, at the currency's scale. */
	List<BigDecimal> captures(Order order) {
		return jdbc.sql("select amount from payment_transaction where order_id = :id and type = 'CAPTURE'"
				+ " and status = 'SUCCEEDED' order by created_at, id")
			.param("id", order.id())
			.query(BigDecimal.class)
			.list()
			.stream()
			.map(amount -> amount.setScale(2, java.math.RoundingMode.HALF_UP))
			.toList();
	}

}
