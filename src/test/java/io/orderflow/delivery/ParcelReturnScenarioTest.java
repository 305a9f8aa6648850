package io.orderflow.delivery;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.BOUNDARY_EVENT_PARCEL_NOT_RETURNED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_UNDELIVERED_UNITS_REFUNDED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_PARCEL_RETURN;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_WRITE_OFF_PARCEL;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_PARCEL_NOT_RETURNED;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.LocationEventRequest;
import io.orderflow.order.Order;
import io.orderflow.order.Quantities;
import io.orderflow.order.TimelineEntry;
import io.orderflow.payment.CreditMemo;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventReceipt;
import io.orderflow.platform.events.EventReceipt.Outcome;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A parcel awaited back at the sender for the refund of its units: Given a failed delivery a service agent decided to
 * refund once the parcel is back, When it does not come back by its return deadline, Then an agent refunds its units
 * anyway or keeps waiting; When the location that shipped it reports it back, Then that counts as the carrier's
 * RETURNED_TO_SENDER, whichever comes first, and the second changes nothing.
 */
class ParcelReturnScenarioTest extends DeliveryScenario {

	ParcelReturnScenarioTest() {
		super("PRT", "Parcel return", "parcel-return");
	}

	@Test
	void aParcelNotBackByItsDeadlineIsRefundedAnywayAndItsUnitsDoNotReturnToStock() throws Exception {
		// Given a parcel of 2 × A (23.80 captured) awaited back for a refund
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = awaitedBack(fo);

		// Then it has the return limit of its delivery method (three weeks for a standard parcel)
		OffsetDateTime returnBy = failures.ofShipment(shipment.id()).orElseThrow().returnBy();
		assertThat(Duration.between(OffsetDateTime.now(ZoneOffset.UTC), returnBy))
			.isBetween(Duration.ofDays(21).minusMinutes(5), Duration.ofDays(21));

		// When its return deadline passes
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_PARCEL_NOT_RETURNED);

		// Then a service agent has "Parcel not returned", with the parcel and what a refund credits; the timeline says so
		Task task = task(fo, USER_TASK_RESOLVE_PARCEL_NOT_RETURNED);
		assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
			.anyMatch(link -> "service-agents".equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariable(task.getId(), "parcelNotReturned").toString())
			.contains(shipment.trackingNumber())
			.contains("line 1: 2 × " + a)
			.contains("23.80 EUR");
		assertThat(engine.getTaskService().getVariablesLocal(task.getId())).containsKeys("orderNumber", "orderLines");
		assertThat(timeline(order)).anyMatch(text -> text.startsWith("Not back at the sender: parcel "
				+ shipment.trackingNumber()));

		// When the agent refunds the units anyway
		decide(task, Map.of("parcelNotReturnedDecision", "REFUND", "decisionNote", "carrier lost it"));

		// Then they are credited and refunded once through the credit memo of undelivered units, count as returned, and
		// are not back in stock; the fulfillment order is undelivered, the customer told, the order complete
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		CreditMemo memo = refunds.creditMemo("undelivered:" + fo.id()).orElseThrow();
		assertThat(memo.totalAmount()).isEqualByComparingTo("23.80");
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities()).isEqualTo(new Quantities(2, 0, 2, 2, 2, 2, 0));
		assertThat(stockOf(berlin, a)).containsExactly(8, 0);
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.UNDELIVERED);
		assertThat(failures.ofShipment(shipment.id()).orElseThrow()).satisfies(failure -> {
			assertThat(failure.status()).isEqualTo(DeliveryFailure.Status.REFUNDED);
			assertThat(failure.creditMemoNumber()).isEqualTo(memo.creditMemoNumber());
		});
		assertThat(historicFulfillmentProcess(fo)).isEnded()
			.hasPassed(TASK_WRITE_OFF_PARCEL, END_EVENT_UNDELIVERED_UNITS_REFUNDED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(toCustomer(order)).filteredOn(text -> text.contains("We refunded money for your order"))
			.singleElement()
			.asString()
			.contains("23.80 EUR")
			.contains("did not come back");
		assertThat(timeline(order)).anyMatch(text -> text.contains("\"Parcel not returned\": REFUND (carrier lost it)"));
		assertThat(timeline(order)).doesNotHaveDuplicates();

		// And the refund step run once more (a retried job) refunds nothing more
		failures.refund(fo.id());
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
	}

	@Test
	void anAgentKeepsWaitingAndTheLocationReportingTheParcelBackClosesTheTaskAgain() throws Exception {
		// Given a parcel awaited back whose return deadline passed
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = awaitedBack(fo);
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_PARCEL_NOT_RETURNED);
		Task task = task(fo, USER_TASK_RESOLVE_PARCEL_NOT_RETURNED);

		// When the agent keeps waiting without a date, or until yesterday, Then that is refused and the task stays
		assertThatThrownBy(() -> decide(task, Map.of("parcelNotReturnedDecision", "KEEP_WAITING")))
			.isInstanceOf(ProcessEngineException.class);
		assertThatThrownBy(() -> decide(task, Map.of("parcelNotReturnedDecision", "KEEP_WAITING", "newDeadline",
				LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()))).isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("has passed");
		assertThat(task(fo, USER_TASK_RESOLVE_PARCEL_NOT_RETURNED).getId()).isEqualTo(task.getId());

		// When the agent keeps waiting a week
		LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(7);
		decide(task, Map.of("parcelNotReturnedDecision", "KEEP_WAITING", "newDeadline", until.toString()));

		// Then the parcel has until the end of that day, on the timeline, and the process waits for it again
		assertThat(failures.ofShipment(shipment.id()).orElseThrow().returnBy())
			.isEqualTo(until.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_PARCEL_RETURN);
		assertThat(timeline(order)).anyMatch(text -> text.startsWith("New deadline for parcel "
				+ shipment.trackingNumber() + " to be back at the sender"));

		// When that passes too, Then the agent is asked again
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_PARCEL_NOT_RETURNED);
		assertThat(openTask(fo, USER_TASK_RESOLVE_PARCEL_NOT_RETURNED)).isPresent();

		// When the location reports the parcel back meanwhile
		assertThat(location(fo, "back-" + fo.id(), "Label torn off").outcome()).isEqualTo(Outcome.ACCEPTED);
		Jobs.runDue(engine);

		// Then the task is gone, and the units are refunded as for any parcel back: returned and back in stock
		assertThat(openTasks(fo)).isZero();
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(failures.ofShipment(shipment.id()).orElseThrow().status()).isEqualTo(DeliveryFailure.Status.REFUNDED);
		assertThat(lifecycle(order)).isEnded();
		assertThat(timeline(order)).doesNotHaveDuplicates();
	}

	@Test
	void aParcelTheLocationReportsBackIsRefundedOnceAndTheCarriersLaterReportChangesNothing() throws Exception {
		// Given a parcel of 2 × A awaited back for a refund
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = awaitedBack(fo);

		// When the location that shipped it reports it back, twice with the same event id
		EventReceipt back = location(fo, "wh-back-" + fo.id(), "Returned by the carrier's driver");
		assertThat(back.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(location(fo, "wh-back-" + fo.id(), "Returned by the carrier's driver").outcome())
			.isEqualTo(Outcome.DUPLICATE);
		Jobs.runDue(engine);

		// Then the parcel counts as back at the sender, by the location's word, and its units are refunded once
		assertThat(shipmentOf(fo).status()).isEqualTo(ShipmentStatus.RETURNED_TO_SENDER);
		assertThat(shipmentOf(fo).statusDetail()).contains("Back at " + berlin).contains("driver");
		assertThat(orders.timeline(order.id())).anyMatch(entry -> berlin.equals(entry.actor())
				&& entry.description().contains("is back at the sender"));
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_UNDELIVERED_UNITS_REFUNDED);
		List<TimelineEntry> before = orders.timeline(order.id());

		// When the carrier reports it back at the sender afterwards, and the location once more under another id
		assertThat(carrier(shipment, "RETURNED_TO_SENDER", "Back at the depot").outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(location(fo, "wh-back-again-" + fo.id(), null).outcome()).isEqualTo(Outcome.ACCEPTED);
		Jobs.runDue(engine);

		// Then nothing changes: refunded and restocked once, nothing on the timeline, no report left pending
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		assertThat(count("select count(*) from payment_transaction where order_id = :id and type = 'REFUND'", order))
			.isEqualTo(1);
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(orders.timeline(order.id())).hasSameSizeAs(before);
		assertThat(pendingReports(fo, shipment)).isZero();
	}

	@Test
	void aParcelTheCarrierReportedBackFirstMakesTheLocationsReportChangeNothing() throws Exception {
		// Given a parcel awaited back, which the carrier reports back at the sender
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = awaitedBack(fo);
		carrier(shipment, "RETURNED_TO_SENDER", null);
		Jobs.runDue(engine);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("11.90");
		List<TimelineEntry> before = orders.timeline(order.id());

		// When the location reports it back too
		EventReceipt receipt = location(fo, "wh-" + fo.id(), null);
		Jobs.runDue(engine);

		// Then that is accepted and changes nothing
		assertThat(receipt.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(receipt.subjectStatus()).isEqualTo("UNDELIVERED");
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("11.90");
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(orders.timeline(order.id())).hasSameSizeAs(before);
		assertThat(pendingReports(fo, shipment)).isZero();
	}

	@Test
	void aLocationCannotReportBackAParcelThatIsNotAwaitedBack() throws Exception {
		// Given a parcel on its way
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = shipmentOf(fo);

		// When the location reports it back, Then that is a conflict: its delivery did not fail
		assertThatThrownBy(() -> location(fo, "early-" + fo.id(), null)).isInstanceOf(EventConflictException.class)
			.hasMessageContaining("did not fail");

		// When its delivery fails and no agent has decided yet, Then it is still a conflict
		carrier(shipment, "DELIVERY_FAILED", "Recipient not at home");
		Jobs.runDue(engine);
		assertThatThrownBy(() -> location(fo, "undecided-" + fo.id(), null)).isInstanceOf(EventConflictException.class)
			.hasMessageContaining("no refund decided yet");

		// When the agent has it delivered again and the new booking is delivered, Then it is a conflict as well
		decide(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REDELIVER"));
		carrier(shipmentOf(fo), "DELIVERED", null);
		Jobs.runDue(engine);
		assertThatThrownBy(() -> location(fo, "delivered-" + fo.id(), null)).isInstanceOf(EventConflictException.class);

		// And none of the refused reports changed anything or was kept
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.DELIVERED);
		assertThat(shipmentOf(fo).status()).isEqualTo(ShipmentStatus.DELIVERED);
		assertThat(jdbc.sql("select count(*) from inbound_event where subject_id = :id")
			.param("id", fo.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(payments.ledger(order.id()).refunded()).isZero();
	}

	@Test
	void aParcelDeliveredAfterAllWhileNotReturnedClosesTheTaskAndFreesItsUnits() throws Exception {
		// Given a parcel awaited back whose return deadline passed, its units held
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = awaitedBack(fo);
		Jobs.fireTimers(engine, fo.number(), BOUNDARY_EVENT_PARCEL_NOT_RETURNED);
		assertThat(openTask(fo, USER_TASK_RESOLVE_PARCEL_NOT_RETURNED)).isPresent();

		// When the carrier delivers it after all
		carrier(shipment, "DELIVERED", "Left with a neighbour");
		Jobs.runDue(engine);

		// Then the task is gone, nothing is refunded, the units are free again and the order is delivered
		assertThat(openTasks(fo)).isZero();
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities()).isEqualTo(new Quantities(2, 0, 2, 2, 0, 0, 0));
		assertThat(failures.ofShipment(shipment.id()).orElseThrow().status()).isEqualTo(DeliveryFailure.Status.DELIVERED);
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.DELIVERED);
		assertThat(lifecycle(order)).isEnded();
	}

	@Test
	void aParcelIsNotGivenUpAsLostOnAForgedDecision() throws Exception {
		// Given a parcel awaited back, its deadline not passed
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		awaitedBack(fo);
		String instance = fulfillmentProcess(fo).getId();

		// When the token is put before "Give the parcel up as lost" with a variable that claims the decision
		engine.getRuntimeService().setVariable(instance, "parcelNotReturnedDecision", "REFUND");
		assertThatThrownBy(() -> engine.getRuntimeService()
			.createProcessInstanceModification(instance)
			.startBeforeActivity(TASK_WRITE_OFF_PARCEL)
			.execute()).isInstanceOf(StateConflictException.class).hasMessageContaining("No service agent decided REFUND");

		// Then nothing is given up or refunded: the process still waits for the parcel
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.SHIPPED);
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_PARCEL_RETURN);
	}

	// --- helpers ------------------------------------------------------------------------------

	/** The parcel's delivery failed and an agent decided to refund its units once it is back: the process waits. */
	private Shipment awaitedBack(FulfillmentOrder fo) {
		Shipment shipment = shipmentOf(fo);
		carrier(shipment, "DELIVERY_FAILED", "Refused by the recipient");
		Jobs.runDue(engine);
		decide(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_PARCEL_RETURN);
		assertThat(failures.ofShipment(shipment.id()).orElseThrow().status())
			.isEqualTo(DeliveryFailure.Status.AWAITING_RETURN);
		return shipment;
	}

	/** The fulfillment order's location reports its parcel back (PARCEL_RETURNED); no jobs run. */
	private EventReceipt location(FulfillmentOrder fo, String eventId, String note) {
		return locationEvents.receive(fo.id(),
				new LocationEventRequest(eventId, "PARCEL_RETURNED", null, null, null, note, null));
	}

	private long pendingReports(FulfillmentOrder fo, Shipment shipment) {
		return jdbc.sql("""
				select count(*) from inbound_event where subject_id in (:fo, :shipment) and correlated_at is null""")
			.param("fo", fo.id())
			.param("shipment", shipment.id())
			.query(Long.class)
			.single();
	}

}
