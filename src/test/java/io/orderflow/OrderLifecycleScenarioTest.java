package io.orderflow;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_DELIVERY;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_SHIPMENT;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_CAPTURE_PAYMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_REJECTED;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_AUTHORIZE_PAYMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_RESOLVE_BACKORDER;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_REVIEW_RISK;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.orderflow.delivery.CarrierEventRequest;
import io.orderflow.delivery.Shipment;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.Ledger;
import io.orderflow.payment.PaymentTransaction;
import io.orderflow.payment.PaymentTransaction.Status;
import io.orderflow.payment.PaymentTransaction.Type;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

/**
 * The order lifecycle, path by path, with camunda-bpm-assert: Given an order and stock, When the
 * locations and the carrier report, Then the processes, quantities and money end where they should.
 * Jobs run explicitly ({@link Jobs}); events go through the same services as the REST endpoints.
 */
@TestPropertySource(properties = "orderflow.payment.renew-before=P8D") // every authorization counts as expiring
class OrderLifecycleScenarioTest extends ServiceScenario {

	OrderLifecycleScenarioTest() {
		super("SCN", "Scenario", "scenario");
	}

	@Test
	void orderFromOneLocationIsShippedCapturedAndDelivered() throws Exception {
		// Given stock of both SKUs at one location
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER", 1);
		stock(berlin, a, 10);
		stock(berlin, b, 10);

		// When an order for both is submitted and its jobs run
		Order order = submit(orderLine(a, 2, "19.99"), orderLine(b, 1, "5.00"));
		Jobs.runDue(engine);

		// Then the payment is authorized and one fulfillment order waits at the location
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ALLOCATED);
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id());
		assertThat(fos).hasSize(1);
		assertThat(fos.get(0).locationId()).isEqualTo(berlin);
		assertThat(fos.get(0).status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(fulfillmentProcess(fos.get(0))).isWaitingAt(TASK_AWAIT_SHIPMENT);

		// When the location picks, packs and ships without a tracking number
		report(fos.get(0), "PICKED");
		report(fos.get(0), "PACKED");
		report(fos.get(0), "SHIPPED");
		Jobs.runDue(engine);

		// Then Orderflow booked the carrier, captured exactly the order total and waits for delivery
		Shipment shipment = shipments.ofFulfillmentOrder(fos.get(0).id()).orElseThrow();
		assertThat(shipment.trackingNumber()).startsWith("SBX");
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.SHIPPED);
		assertThat(fulfillmentProcess(fos.get(0))).isWaitingAt(TASK_AWAIT_DELIVERY);
		Ledger ledger = payments.ledger(order.id());
		assertThat(order.totals().grandTotal()).isEqualByComparingTo("53.53");
		assertThat(ledger.captured()).isEqualByComparingTo("53.53");
		assertThat(ledger.invoiced()).isEqualByComparingTo("53.53");

		// When the carrier delivers
		deliver(shipment, "IN_TRANSIT");
		deliver(shipment, "DELIVERED");
		Jobs.runDue(engine);

		// Then the order is delivered and its lifecycle complete
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(stockOf(berlin, a)).containsExactly(8, 0);
		assertThat(timelineTypes(order)).contains("NOTIFICATION");
		assertThat(orders.timeline(order.id())).extracting(e -> e.description())
			.anyMatch(text -> text.contains("is confirmed"))
			.anyMatch(text -> text.contains("Your order " + order.orderNumber() + " is on its way"))
			.anyMatch(text -> text.contains("Your order " + order.orderNumber() + " has been delivered"))
			.noneMatch(text -> text.contains("Part of your order"));
		assertThat(orders.timeline(order.id())).as("each happening once").extracting(e -> e.description())
			.doesNotHaveDuplicates();
	}

	@Test
	void orderSplitAcrossTwoLocationsIsCapturedInTwoParts() throws Exception {
		// Given one SKU only in Berlin and the other only in Hamburg
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER", 1);
		String hamburg = location("HAM", 2);
		stock(berlin, a, 5);
		stock(hamburg, b, 5);

		// When an order for both is submitted
		Order order = submit(orderLine(a, 3, "3.33"), orderLine(b, 1, "10.00"));
		Jobs.runDue(engine);

		// Then two fulfillment orders are released, one per location
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id());
		assertThat(fos).extracting(FulfillmentOrder::locationId).containsExactlyInAnyOrder(berlin, hamburg);

		// When the first ships, the payment is captured for that part only
		FulfillmentOrder first = fos.get(0);
		report(first, "SHIPPED", "DHL", "DHL-" + run);
		Jobs.runDue(engine);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
		BigDecimal firstCapture = payments.ledger(order.id()).captured();
		assertThat(firstCapture).isPositive().isLessThan(order.totals().grandTotal());

		// When the second ships and both are delivered
		FulfillmentOrder second = fos.get(1);
		report(second, "SHIPPED");
		Jobs.runDue(engine);
		for (FulfillmentOrder fo : fos) {
			deliver(shipments.ofFulfillmentOrder(fo.id()).orElseThrow(), "DELIVERED");
		}
		Jobs.runDue(engine);

		// Then two partial captures add up exactly to the order total
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.captured()).isEqualByComparingTo(order.totals().grandTotal());
		assertThat(jdbc.sql("select count(*) from payment_transaction where order_id = :id and type = 'CAPTURE'")
			.param("id", order.id())
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(lifecycle(order)).isEnded();
		// and the customer was told of each parcel as part of the order, then the rest of it
		assertThat(orders.timeline(order.id())).extracting(e -> e.description())
			.filteredOn(text -> text.contains("on its way"))
			.satisfiesExactly(text -> assertThat(text).contains("Part of your order " + order.orderNumber()),
					text -> assertThat(text).contains("The rest of your order " + order.orderNumber()));
		assertThat(orders.timeline(order.id())).extracting(e -> e.description())
			.filteredOn(text -> text.contains("A parcel of your order"))
			.hasSize(2);
	}

	@Test
	void declinedPaymentRejectsTheOrderWithoutTouchingStock() throws Exception {
		String a = sku("A");
		String berlin = location("BER", 1);
		stock(berlin, a, 10);

		Order order = submit("tok_decline", orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);

		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_REJECTED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.REJECTED);
		assertThat(fulfillmentOrders.ofOrder(order.id())).isEmpty();
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(orders.timeline(order.id())).extracting(e -> e.description())
			.anyMatch(text -> text.contains("could not accept"));
	}

	@Test
	void insufficientFundsRejectsTheOrderToo() throws Exception {
		String a = sku("A");
		stock(location("BER", 1), a, 10);

		Order order = submit("tok_insufficient_funds", orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);

		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_REJECTED);
	}

	@Test
	void transientGatewayFailureIsRetriedAndThenSucceeds() throws Exception {
		// Given a gateway that fails twice for this order, then answers
		String a = sku("A");
		stock(location("BER", 1), a, 10);
		Order order = submit("tok_transient_2", orderLine(a, 1, "10.00"));

		// When the authorization job runs three times (the retry cycle allows three attempts)
		assertThat(Jobs.runDue(engine)).hasSize(1);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);

		// Then the order is authorized once and goes on
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ALLOCATED);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("11.90");
		assertThat(authorizationCount(order)).isEqualTo(1);
	}

	@Test
	void exhaustedRetriesBecomeAnIncidentAndTheResolutionChargesOnce() throws Exception {
		// Given a gateway that fails four times in a row, more than the three attempts allowed
		String a = sku("A");
		stock(location("BER", 1), a, 10);
		Order order = submit("tok_transient_4", orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);
		Jobs.retryNow(engine, TASK_AUTHORIZE_PAYMENT);

		// Then an operator sees an incident at "Authorize payment"
		assertThat(engine.getRuntimeService().createIncidentQuery().activityId(TASK_AUTHORIZE_PAYMENT).count())
			.isEqualTo(1);

		// When the operator retries it twice (the gateway is back on the second try)
		Jobs.retry(engine, TASK_AUTHORIZE_PAYMENT);
		Jobs.retry(engine, TASK_AUTHORIZE_PAYMENT);

		// Then the order goes on with one authorization, the incident is resolved
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ALLOCATED);
		assertThat(authorizationCount(order)).isEqualTo(1);

		// And the order's events told of each incident, then of its resolution
		List<String> told = jdbc.sql("""
				select event_type || ' ' || payload from order_event
				where order_id = :id and event_type like 'incident.%' order by id""")
			.param("id", order.id())
			.query(String.class)
			.list();
		// (the operator's first retry failed once more: a second incident, resolved by the second retry)
		assertThat(told).hasSize(4);
		for (int i = 0; i < told.size(); i += 2) {
			assertThat(told.get(i)).startsWith("incident.raised").contains("\"activityId\":\"" + TASK_AUTHORIZE_PAYMENT);
			assertThat(told.get(i + 1)).startsWith("incident.resolved").contains("\"resolution\":\"RESOLVED\"");
		}

		// And the failed authorization is one gateway call tried four times, before the one that succeeded
		assertThat(payments.transactions(order.id()))
			.extracting(PaymentTransaction::type, PaymentTransaction::status, PaymentTransaction::attempts)
			.containsExactly(tuple(Type.AUTHORIZATION, Status.FAILED, 4), tuple(Type.AUTHORIZATION, Status.SUCCEEDED, 1));
		// and the order's timeline told of each incident, how often the call had failed, and what to do
		assertThat(incidentsOnTheTimeline(order)).hasSize(2).allSatisfy(entry -> assertThat(entry)
			.startsWith("Incident at \"Authorize payment\": Payment authorization of 11.90 EUR failed ")
			.contains("(gateway: Transient failure of the payment provider")
			.endsWith(": fix the cause and retry the job in Cockpit, or cancel the order"));
		assertThat(incidentsOnTheTimeline(order).get(1)).contains("failed 4 times");

		// And a capture that fails until its incident is resolved captures once
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		report(fo, "SHIPPED");
		Jobs.runDue(engine);
		Jobs.retryNow(engine, TASK_CAPTURE_PAYMENT);
		Jobs.retryNow(engine, TASK_CAPTURE_PAYMENT);
		assertThat(engine.getRuntimeService().createIncidentQuery().activityId(TASK_CAPTURE_PAYMENT).count())
			.isEqualTo(1);
		Jobs.retry(engine, TASK_CAPTURE_PAYMENT);
		Jobs.retry(engine, TASK_CAPTURE_PAYMENT);
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("11.90");
		assertThat(sandboxCaptures(order)).isEqualTo(1);
		assertThat(payments.transactions(order.id())).filteredOn(t -> t.type() == Type.CAPTURE)
			.extracting(PaymentTransaction::status, PaymentTransaction::attempts)
			.containsExactly(tuple(Status.FAILED, 4), tuple(Status.SUCCEEDED, 1));
		// (shipped: nothing is left to cancel, so the timeline does not suggest it)
		assertThat(incidentsOnTheTimeline(order)).hasSize(4)
			.element(2)
			.asString()
			.startsWith("Incident at \"Capture payment\": Capture of 11.90 EUR for invoice INV-" + fo.number()
					+ " failed 3 times (gateway: ")
			.endsWith(": fix the cause and retry the job in Cockpit");
	}

	List<String> incidentsOnTheTimeline(Order order) {
		return orders.timeline(order.id())
			.stream()
			.filter(entry -> TimelineType.INCIDENT.equals(entry.type()))
			.map(entry -> entry.description())
			.toList();
	}

	@Test
	void riskReviewApprovedReleasesTheOrder() throws Exception {
		// Given an order of 1000 or more, which the risk policy sends to review
		String a = sku("A");
		stock(location("BER", 1), a, 10);
		Order order = submit(orderLine(a, 2, "600.00"));
		Jobs.runDue(engine);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ON_HOLD);
		Task review = task(order, USER_TASK_REVIEW_RISK);
		assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
			.anyMatch(link -> "fraud-analysts".equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariablesLocal(review.getId())).containsKeys("orderNumber",
				"customerName", "orderLines", "orderTotal");
		assertThat(engine.getTaskService().getVariableLocal(review.getId(), "decisionMoney")).isEqualTo(
				"Approve: the 1428.00 EUR authorized stays, to be captured shipment by shipment as the order ships; "
						+ "nothing is charged now.\nReject: the payment authorization is voided, releasing 1428.00 EUR; "
						+ "nothing was charged, so nothing is refunded.");

		// When an analyst approves it
		engine.getIdentityService().setAuthentication("analyst", List.of("fraud-analysts"));
		try {
			engine.getTaskService().complete(review.getId(), Map.of("riskDecision", "APPROVE", "decisionNote", "known customer"));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		Jobs.runDue(engine);

		// Then it is allocated and the decision is on the timeline with the analyst's id
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ALLOCATED);
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.actor().equals("analyst") && e.description().contains("APPROVE"));
	}

	@Test
	void riskReviewRejectedVoidsTheAuthorization() throws Exception {
		String a = sku("A");
		stock(location("BER", 1), a, 10);
		Order order = submit(orderLine(a, 2, "600.00"));
		Jobs.runDue(engine);

		Task review = task(order, USER_TASK_REVIEW_RISK);
		assertThat(engine.getTaskService().getVariableLocal(review.getId(), "decisionMoney").toString())
			.contains("Reject: the payment authorization is voided, releasing 1428.00 EUR");
		engine.getTaskService().complete(review.getId(), Map.of("riskDecision", "REJECT"));
		Jobs.runDue(engine);

		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_REJECTED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.REJECTED);
		assertThat(payments.ledger(order.id()).authorized()).isZero();
		assertThat(voids(order)).usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("1428.00"));
	}

	@Test
	void backorderedLinesShipWhenStockArrives() throws Exception {
		// Given one SKU in stock and one that no location has
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER", 1);
		stock(berlin, a, 5);
		stock(berlin, b, 0);
		Order order = submit(orderLine(a, 1, "10.00"), orderLine(b, 2, "5.00"));
		Jobs.runDue(engine);

		// Then what can ship is released, the rest is backordered with a task for service agents
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.BACKORDERED);
		assertThat(fulfillmentOrders.ofOrder(order.id())).hasSize(1);
		Task backorder = task(order, USER_TASK_RESOLVE_BACKORDER);
		assertThat(engine.getTaskService().getVariablesLocal(backorder.getId()).get("backorderedLines").toString())
			.contains(b);

		// When stock arrives and the retry timer fires
		stock(berlin, b, 10);
		Jobs.fireTimers(engine, order.orderNumber(), "BoundaryEvent_RetryAllocation");

		// Then the backordered lines get their own fulfillment order, and everything ships and arrives
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id());
		assertThat(fos).hasSize(2);
		for (FulfillmentOrder fo : fos) {
			report(fo, "SHIPPED");
		}
		Jobs.runDue(engine);
		for (FulfillmentOrder fo : fos) {
			deliver(shipments.ofFulfillmentOrder(fo.id()).orElseThrow(), "DELIVERED");
		}
		Jobs.runDue(engine);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo(order.totals().grandTotal());
	}

	@Test
	void agentCancelsBackorderedLinesAndTheRestIsCapturedAlone() throws Exception {
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER", 1);
		stock(berlin, a, 5);
		Order order = submit(orderLine(a, 1, "10.00"), orderLine(b, 2, "5.00"));
		inventory.saveProduct(new Product(b, "Unavailable", true));
		Jobs.runDue(engine);

		// 1 × A at 10.00 and 2 × B at 5.00, 19 % tax: 11.90 each, 23.80 authorized; B is backordered
		Task backorder = task(order, USER_TASK_RESOLVE_BACKORDER);
		assertThat(engine.getTaskService().getVariableLocal(backorder.getId(), "decisionMoney")).isEqualTo(
				"Cancel the backordered lines: 2 × " + b + " (line 2) canceled; 11.90 EUR of the payment authorization "
						+ "is no longer needed for them and is released when the order completes; 11.90 EUR stays "
						+ "authorized for the rest. Nothing is refunded: these units were not charged.\n"
						+ "Keep waiting: nothing changes; 11.90 EUR stays authorized for them while allocation is retried.");
		engine.getTaskService().complete(backorder.getId(), Map.of("backorderDecision", "CANCEL"));
		Jobs.runDue(engine);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		report(fo, "SHIPPED");
		Jobs.runDue(engine);
		deliver(shipments.ofFulfillmentOrder(fo.id()).orElseThrow(), "DELIVERED");
		Jobs.runDue(engine);

		assertThat(lifecycle(order)).isEnded();
		Order done = orders.find(order.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(OrderStatus.DELIVERED);
		assertThat(done.lines().get(1).quantities().canceled()).isEqualTo(2);
		Ledger ledger = payments.ledger(order.id());
		assertThat(ledger.captured()).isEqualByComparingTo(ledger.invoiced()).isLessThan(order.totals().grandTotal());
		assertThat(ledger.authorized()).isZero();
		assertThat(voids(order)).usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("11.90"));
	}

	/** The amounts the order's payment authorizations released by voids. */
	List<BigDecimal> voids(Order order) {
		return jdbc.sql("select amount from payment_transaction where order_id = :id and type = 'VOID'"
				+ " and status = 'SUCCEEDED'")
			.param("id", order.id())
			.query(BigDecimal.class)
			.list();
	}

	@Test
	void rejectedFulfillmentOrderIsReroutedToAnotherLocation() throws Exception {
		// Given stock in Berlin (preferred) and Hamburg
		String a = sku("A");
		String berlin = location("BER", 1);
		String hamburg = location("HAM", 2);
		stock(berlin, a, 5);
		stock(hamburg, a, 5);
		Order order = submit(orderLine(a, 2, "10.00"));
		Jobs.runDue(engine);
		FulfillmentOrder atBerlin = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(atBerlin.locationId()).isEqualTo(berlin);

		// When Berlin rejects it
		EventReceipt receipt = locationEvents.receive(atBerlin.id(),
				new LocationEventRequest("rej-" + atBerlin.id(), "REJECTED", null, null, null, "shelf empty", null));
		assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.ACCEPTED);
		Jobs.runDue(engine);

		// Then its lines go to Hamburg, Berlin's stock is free again, and the order still completes
		assertThat(fulfillmentOrders.find(atBerlin.id()).status()).isEqualTo(FulfillmentOrderStatus.REJECTED);
		FulfillmentOrder atHamburg = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(fo -> fo.status() != FulfillmentOrderStatus.REJECTED)
			.findFirst()
			.orElseThrow();
		assertThat(atHamburg.locationId()).isEqualTo(hamburg);
		assertThat(stockOf(berlin, a)).containsExactly(5, 0);
		assertThat(fulfillmentProcess(atHamburg)).isWaitingAt(TASK_AWAIT_SHIPMENT);
		report(atHamburg, "SHIPPED");
		Jobs.runDue(engine);
		deliver(shipments.ofFulfillmentOrder(atHamburg.id()).orElseThrow(), "DELIVERED");
		Jobs.runDue(engine);
		assertThat(lifecycle(order)).isEnded();
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo(order.totals().grandTotal());
	}

	@Test
	void earlyAndDuplicateEventsAreNeitherLostNorAppliedTwice() throws Exception {
		// Given a fulfillment order whose release job has not run yet
		String a = sku("A");
		String berlin = location("BER", 1);
		stock(berlin, a, 5);
		Order order = submit(orderLine(a, 1, "10.00"));
		runUntilFulfillmentOrderExists(order);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);

		// When the location reports SHIPPED early, and then again
		EventReceipt first = report(fo, "SHIPPED");
		EventReceipt again = locationEvents.receive(fo.id(),
				new LocationEventRequest("SHIPPED-" + fo.id(), "SHIPPED", null, null, null, null, null));

		// Then the first is accepted, the second is a duplicate, and the process still gets there
		assertThat(first.outcome()).isEqualTo(EventReceipt.Outcome.ACCEPTED);
		assertThat(again.outcome()).isEqualTo(EventReceipt.Outcome.DUPLICATE);
		Jobs.runDue(engine);
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_DELIVERY);
		assertThat(stockOf(berlin, a)).containsExactly(4, 0);

		// And a delivery reported twice completes once
		Shipment shipment = shipments.ofFulfillmentOrder(fo.id()).orElseThrow();
		deliver(shipment, "DELIVERED");
		assertThat(carrierEvents.receive(shipment.id(),
				new CarrierEventRequest("DELIVERED-" + shipment.id(), "DELIVERED", null, null)).outcome())
			.isEqualTo(EventReceipt.Outcome.DUPLICATE);
		Jobs.runDue(engine);
		assertThat(lifecycle(order)).isEnded();
		assertThat(orders.timeline(order.id())).filteredOn(e -> e.type().equals("NOTIFICATION") && e.description().contains("has been delivered"))
			.hasSize(1);
	}

	@Test
	void authorizationNearingExpiryIsRenewedForWhatIsUncaptured() throws Exception {
		String a = sku("A");
		stock(location("BER", 1), a, 5);
		Order order = submit(orderLine(a, 1, "10.00"));
		Jobs.runDue(engine);

		Jobs.fireTimers(engine, order.orderNumber(), OrderProcess.LifecycleProcess.Elements.BOUNDARY_EVENT_AUTHORIZATION_EXPIRING);

		assertThat(jdbc.sql("select count(*) from payment_transaction where order_id = :id and type = 'REAUTHORIZATION'")
			.param("id", order.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(payments.ledger(order.id()).authorized()).isEqualByComparingTo("11.90");
		assertThat(lifecycle(order)).isActive();
	}

	// --- When helpers -------------------------------------------------------------------------

	EventReceipt report(FulfillmentOrder fo, String type, String carrier, String tracking) {
		return locationEvents.receive(fo.id(),
				new LocationEventRequest(type + "-" + fo.id(), type, null, carrier, tracking, null, null));
	}

	void deliver(Shipment shipment, String type) {
		carrierEvents.receive(shipment.id(), new CarrierEventRequest(type + "-" + shipment.id(), type, null, null));
	}

	// --- Then helpers -------------------------------------------------------------------------

	Task task(Order order, String taskKey) {
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(taskKey)
			.singleResult();
		assertThat(task).as("task %s of %s", taskKey, order.orderNumber()).isNotNull();
		return task;
	}

	List<String> timelineTypes(Order order) {
		return orders.timeline(order.id()).stream().map(e -> e.type()).toList();
	}

	long authorizationCount(Order order) {
		return jdbc.sql("select count(*) from payment_authorization where order_id = :id")
			.param("id", order.id())
			.query(Long.class)
			.single();
	}

	long sandboxCaptures(Order order) {
		return jdbc.sql("select count(*) from payment_transaction where order_id = :id and type = 'CAPTURE' and status = 'SUCCEEDED'")
			.param("id", order.id())
			.query(Long.class)
			.single();
	}

	@SafeVarargs
	final Order submit(String token, Map<String, Object>... lines) throws Exception {
		Map<String, Object> order = orderOf(lines);
		TestOrders.part(order, "payment").put("token", token);
		return submitOrder(order);
	}

}
