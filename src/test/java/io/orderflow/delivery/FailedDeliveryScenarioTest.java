package io.orderflow.delivery;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.CALL_ACTIVITY_RESHIP_UNDELIVERED_UNITS;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_FULFILLMENT_ORDER_DELIVERED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_UNDELIVERED_UNITS_REFUNDED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.END_EVENT_UNDELIVERED_UNITS_RESHIPPED;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_DELIVERY;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_PARCEL_RETURN;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_SHIP_FULFILLMENT_ORDER;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.LineStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Quantities;
import io.orderflow.payment.CreditMemo;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.EventReceipt.Outcome;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A carrier's DELIVERY_FAILED, path by path: Given a parcel on its way, When the carrier cannot deliver it, Then a
 * service agent decides in "Resolve failed delivery" — the same parcel booked again, its units reshipped, or refunded
 * once it is back at the sender — and the customer is told; reports that come late, twice or early change nothing
 * they should not.
 */
class FailedDeliveryScenarioTest extends DeliveryScenario {

	FailedDeliveryScenarioTest() {
		super("FDL", "Failed delivery", "failed-delivery");
	}

	@Test
	void aFailedDeliveryIsRedeliveredWithANewBookingOfTheSameParcel() throws Exception {
		// Given a parcel of 2 × A on its way
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment first = shipmentOf(fo);
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_DELIVERY);

		// When the carrier reports it in transit, then failed with its reason, and the failure once more
		assertThat(carrier(first, "IN_TRANSIT", "At the hub").outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(carrier(first, "DELIVERY_FAILED", "Recipient not at home").outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(carrier(first, "DELIVERY_FAILED", "Recipient not at home").outcome()).isEqualTo(Outcome.DUPLICATE);
		Jobs.runDue(engine);

		// Then a service agent has "Resolve failed delivery" with the reason, and the customer is told once
		Task task = task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY);
		assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
			.anyMatch(link -> "service-agents".equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariable(task.getId(), "deliveryFailure").toString())
			.contains("Recipient not at home")
			.contains(first.trackingNumber())
			.contains("line 1: 2 × " + a);
		assertThat(engine.getTaskService().getVariablesLocal(task.getId())).containsKeys("orderNumber", "orderLines",
				"orderHistory", "orderMoney");
		assertThat(failures.ofShipment(first.id())).get().satisfies(failure -> {
			assertThat(failure.status()).isEqualTo(DeliveryFailure.Status.OPEN);
			assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.FAILED);
			assertThat(failure.reason()).isEqualTo("Recipient not at home");
		});
		assertThat(toCustomer(order)).filteredOn(text -> text.contains("We could not deliver your order"))
			.singleElement()
			.asString()
			.contains("Recipient not at home");

		// When the carrier reports the failure once more, under another event id
		assertThat(carrier(first, "DELIVERY_FAILED", "Still nobody home", "again-" + first.id()).outcome())
			.isEqualTo(Outcome.ACCEPTED);
		Jobs.runDue(engine);

		// Then that changes nothing: one task, one message, no report left waiting for the process
		assertThat(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY).getId()).isEqualTo(task.getId());
		assertThat(toCustomer(order)).filteredOn(text -> text.contains("We could not deliver your order")).hasSize(1);
		assertThat(jdbc.sql("select count(*) from inbound_event where subject_id = :id and correlated_at is null")
			.param("id", first.id())
			.query(Long.class)
			.single()).isZero();

		// When the agent has it delivered again
		decide(task, Map.of("failedDeliveryDecision", "REDELIVER", "decisionNote", "customer at home tomorrow"));

		// Then a new booking of the same parcel replaces the failed one, and the process waits for its delivery
		Shipment second = shipmentOf(fo);
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(second.attempt()).isEqualTo(2);
		assertThat(second.trackingNumber()).startsWith("SBX").isNotEqualTo(first.trackingNumber());
		assertThat(shipments.find(first.id()).orElseThrow().replacedBy()).isEqualTo(second.id());
		assertThat(fulfillmentOrders.find(fo.id()).trackingNumber()).isEqualTo(second.trackingNumber());
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_DELIVERY);
		assertThat(failures.ofShipment(first.id()).orElseThrow()).satisfies(failure -> {
			assertThat(failure.status()).isEqualTo(DeliveryFailure.Status.REDELIVERED);
			assertThat(failure.decidedBy()).isEqualTo(AGENT);
		});
		assertThat(toCustomer(order)).filteredOn(text -> text.contains("is on its way again"))
			.singleElement()
			.asString()
			.contains(second.trackingNumber());
		// and the replaced booking takes no more reports
		assertThatThrownBy(() -> carrier(first, "DELIVERED", null)).isInstanceOf(EventConflictException.class)
			.hasMessageContaining("booked again");

		// When the new booking is delivered
		carrier(second, "DELIVERED", "Handed to the customer");
		Jobs.runDue(engine);

		// Then the order is delivered, captured once, and every happening is on the timeline once
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_FULFILLMENT_ORDER_DELIVERED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
		assertThat(count("select count(*) from payment_transaction where order_id = :id and type = 'CAPTURE'", order))
			.isEqualTo(1);
		assertThat(timeline(order)).doesNotHaveDuplicates();
	}

	@Test
	void aFailedDeliveryIsReshippedAtNoCharge() throws Exception {
		// Given a parcel of 2 × A whose delivery failed
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		carrier(shipmentOf(fo), "DELIVERY_FAILED", "Address not found");
		Jobs.runDue(engine);

		// When the agent has its units sent again
		decide(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY),
				Map.of("failedDeliveryDecision", "RESHIP", "decisionNote", "address corrected"));

		// Then the fulfillment order is undelivered, and a reshipment of its units, requested by the agent, has a
		// fulfillment order of its own at the location; the process waits for it
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.UNDELIVERED);
		FulfillmentOrder again = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(FulfillmentOrder::reshipment)
			.findFirst()
			.orElseThrow();
		assertThat(again.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
		assertThat(again.status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(stockOf(berlin, a)).containsExactly(8, 2);
		assertThat(jdbc.sql("select requested_by from reshipment where order_id = :id")
			.param("id", order.id())
			.query(String.class)
			.single()).isEqualTo(AGENT);
		assertThat(fulfillmentProcess(fo)).isWaitingAt(CALL_ACTIVITY_RESHIP_UNDELIVERED_UNITS);
		assertThat(failures.ofShipment(shipmentOf(fo).id()).orElseThrow().status())
			.isEqualTo(DeliveryFailure.Status.RESHIPPED);
		assertThat(toCustomer(order)).filteredOn(text -> text.contains("We are sending items of your order"))
			.singleElement()
			.asString()
			.contains("line 1: 2 × " + a);

		// When the reshipped parcel ships and arrives
		shipAndDeliver(again);

		// Then the units count as shipped and reshipped, nothing more was captured, and the order is complete
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities()).isEqualTo(new Quantities(2, 0, 2, 2, 0, 0, 2));
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_UNDELIVERED_UNITS_RESHIPPED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(timeline(order)).doesNotHaveDuplicates();
	}

	@Test
	void aFailedDeliveryIsRefundedOnceWhenTheParcelIsBackAtTheSender() throws Exception {
		// Given a parcel of 2 × A (23.80 captured) whose delivery failed
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = shipmentOf(fo);
		carrier(shipment, "DELIVERY_FAILED", "Refused by the recipient");
		Jobs.runDue(engine);

		// When the agent decides to refund its units once it is back
		decide(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));

		// Then the units are held for the refund, the customer is told, and the process waits for the parcel
		Quantities held = orders.find(order.id()).orElseThrow().line(1).quantities();
		assertThat(held.returnInitiated()).isEqualTo(2);
		assertThat(held.availableToReship()).isZero();
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_PARCEL_RETURN);
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(toCustomer(order)).anyMatch(text -> text.contains("is on its way back to us"));

		// When the carrier reports it back at the sender, twice
		assertThat(carrier(shipment, "RETURNED_TO_SENDER", "Back at the depot").outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(carrier(shipment, "RETURNED_TO_SENDER", "Back at the depot").outcome())
			.isEqualTo(Outcome.DUPLICATE);
		Jobs.runDue(engine);

		// Then its units are credited and refunded once, count as returned and are back in stock
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		CreditMemo memo = refunds.creditMemo("undelivered:" + fo.id()).orElseThrow();
		assertThat(memo.status()).isEqualTo(CreditMemo.Status.ISSUED);
		assertThat(memo.totalAmount()).isEqualByComparingTo("23.80");
		Quantities returned = orders.find(order.id()).orElseThrow().line(1).quantities();
		assertThat(returned).isEqualTo(new Quantities(2, 0, 2, 2, 2, 2, 0));
		assertThat(orders.find(order.id()).orElseThrow().line(1).status()).isEqualTo(LineStatus.RETURNED);
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.UNDELIVERED);
		assertThat(failures.ofShipment(shipment.id()).orElseThrow()).satisfies(failure -> {
			assertThat(failure.status()).isEqualTo(DeliveryFailure.Status.REFUNDED);
			assertThat(failure.creditMemoNumber()).isEqualTo(memo.creditMemoNumber());
		});
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_UNDELIVERED_UNITS_REFUNDED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(toCustomer(order)).filteredOn(text -> text.contains("We refunded money for your order"))
			.singleElement()
			.asString()
			.contains("23.80 EUR");

		// And the refund step run once more (a retried job) refunds nothing more
		failures.refund(fo.id());
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		assertThat(count("select count(*) from payment_transaction where order_id = :id and type = 'REFUND'", order))
			.isEqualTo(1);
		assertThat(timeline(order)).doesNotHaveDuplicates();
	}

	@Test
	void aReshippedParcelThatFailsTooIsRefundedWhenItIsBack() throws Exception {
		// Given a failed parcel of 2 × A whose units were reshipped, and the reshipped parcel on its way
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		carrier(shipmentOf(fo), "DELIVERY_FAILED", "Address not found");
		Jobs.runDue(engine);
		decide(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "RESHIP"));
		FulfillmentOrder again = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(FulfillmentOrder::reshipment)
			.findFirst()
			.orElseThrow();
		ship(again);
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities().reshipped()).isEqualTo(2);

		// When the reshipped parcel cannot be delivered either, and the agent refunds it once it is back
		Shipment second = shipmentOf(again);
		carrier(second, "DELIVERY_FAILED", "Address still not found");
		Jobs.runDue(engine);
		decide(task(again, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));
		carrier(second, "RETURNED_TO_SENDER", null);
		Jobs.runDue(engine);

		// Then what the customer paid for the units is refunded once; they count as returned, no longer as reshipped
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("23.80");
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities()).isEqualTo(new Quantities(2, 0, 2, 2, 2, 2, 0));
		assertThat(fulfillmentOrders.find(again.id()).status()).isEqualTo(FulfillmentOrderStatus.UNDELIVERED);
		assertThat(stockOf(berlin, a)).containsExactly(8, 0);
		// and the reshipment reshipped nothing, the order's processes are complete
		assertThat(jdbc.sql("select status from reshipment where order_id = :id")
			.param("id", order.id())
			.query(String.class)
			.single()).isEqualTo("NOT_RESHIPPED");
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(END_EVENT_UNDELIVERED_UNITS_RESHIPPED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
	}

	@Test
	void aParcelBackBeforeTheDecisionIsNotDeliveredAgainAndIsRefundedAtOnce() throws Exception {
		// Given a failed delivery whose parcel is back at the sender before the agent decides
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = shipmentOf(fo);
		carrier(shipment, "DELIVERY_FAILED", "Not collected");
		Jobs.runDue(engine);
		carrier(shipment, "RETURNED_TO_SENDER", null);
		Jobs.runDue(engine);
		Task task = task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY);

		// When the agent tries to have it delivered again, Then that is refused and the task stays open
		assertThatThrownBy(() -> decide(task, Map.of("failedDeliveryDecision", "REDELIVER")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("back at the sender");
		assertThat(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY).getId()).isEqualTo(task.getId());
		assertThat(shipments.ofOrder(order.id())).hasSize(1);

		// When the agent refunds instead, Then the refund follows at once and no report is left waiting
		decide(task, Map.of("failedDeliveryDecision", "REFUND"));
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("11.90");
		assertThat(lifecycle(order)).isEnded();
		assertThat(jdbc.sql("select count(*) from inbound_event where subject_id = :id and correlated_at is null")
			.param("id", shipment.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aParcelDeliveredAfterAllClosesTheOpenTask() throws Exception {
		// Given a failed delivery waiting for an agent
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = shipmentOf(fo);
		carrier(shipment, "DELIVERY_FAILED", "Recipient not at home");
		Jobs.runDue(engine);
		assertThat(openTask(fo, USER_TASK_RESOLVE_FAILED_DELIVERY)).isPresent();

		// When the carrier delivers it after all (its own second attempt)
		carrier(shipment, "DELIVERED", "Left with a neighbour");
		Jobs.runDue(engine);

		// Then the task is gone and the order is delivered; the failure is closed as delivered
		assertThat(openTasks(fo)).isZero();
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.DELIVERED);
		assertThat(failures.ofShipment(shipment.id()).orElseThrow().status()).isEqualTo(DeliveryFailure.Status.DELIVERED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void aParcelDeliveredWhileAwaitedBackFreesTheUnitsHeldForItsRefund() throws Exception {
		// Given a failed delivery the agent decided to refund, its units held
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = shipmentOf(fo);
		carrier(shipment, "DELIVERY_FAILED", "Recipient not at home");
		Jobs.runDue(engine);
		decide(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities().returnInitiated()).isEqualTo(2);

		// When the carrier delivers it after all
		carrier(shipment, "DELIVERED", null);
		Jobs.runDue(engine);

		// Then nothing is refunded, the units are free again and the order is delivered
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities()).isEqualTo(new Quantities(2, 0, 2, 2, 0, 0, 0));
		assertThat(failures.ofShipment(shipment.id()).orElseThrow().status()).isEqualTo(DeliveryFailure.Status.DELIVERED);
		assertThat(lifecycle(order)).isEnded();
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void aFailedDeliveryOfADeliveredParcelIsAConflictAndChangesNothing() throws Exception {
		// Given a delivered parcel
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		Shipment shipment = shipmentOf(fo);
		carrier(shipment, "DELIVERED", null);
		Jobs.runDue(engine);
		List<String> before = timeline(order);

		// When the carrier then reports it failed, or back at the sender, Then both are conflicts and nothing changes
		assertThatThrownBy(() -> carrier(shipment, "DELIVERY_FAILED", "Late scan")).isInstanceOf(EventConflictException.class)
			.hasMessageContaining("already delivered");
		assertThatThrownBy(() -> carrier(shipment, "RETURNED_TO_SENDER", null)).isInstanceOf(EventConflictException.class);
		assertThat(shipmentOf(fo).status()).isEqualTo(ShipmentStatus.DELIVERED);
		assertThat(failures.ofShipment(shipment.id())).isEmpty();
		assertThat(timeline(order)).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from inbound_event where subject_id = :id")
			.param("id", shipment.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aFailureReportedBeforeTheProcessWaitsForItIsNotLost() throws Exception {
		// Given a parcel booked with the carrier whose capture job has not run yet
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		report(fo, "SHIPPED");
		engine.getManagementService()
			.createJobQuery()
			.activityId(TASK_SHIP_FULFILLMENT_ORDER)
			.processInstanceId(fulfillmentProcess(fo).getId())
			.list()
			.forEach(job -> engine.getManagementService().executeJob(job.getId()));
		Shipment shipment = shipmentOf(fo);

		// When the carrier reports a failed delivery before the process waits for delivery
		carrier(shipment, "DELIVERY_FAILED", "Damaged label");
		Jobs.runDue(engine);

		// Then the process takes the failure when it gets there: the task is made, the report no longer pending
		assertThat(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY)).isNotNull();
		assertThat(jdbc.sql("select count(*) from inbound_event where subject_id = :id and correlated_at is null")
			.param("id", shipment.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(toCustomer(order)).filteredOn(text -> text.contains("We could not deliver")).hasSize(1);
	}

	@Test
	void aParcelReturnedToSenderWithoutAFailureReportIsAFailedDelivery() throws Exception {
		// Given a parcel on its way
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);

		// When the carrier reports it back at the sender straight away
		carrier(shipmentOf(fo), "RETURNED_TO_SENDER", "Address does not exist");
		Jobs.runDue(engine);

		// Then an agent decides on it as on a failed delivery, and a refund follows at once
		Task task = task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY);
		assertThat(engine.getTaskService().getVariable(task.getId(), "deliveryFailure").toString())
			.contains("Address does not exist");
		decide(task, Map.of("failedDeliveryDecision", "REFUND"));
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("11.90");
		assertThat(lifecycle(order)).isEnded();
	}

	@Test
	void aParcelIsNeitherHeldNorRefundedOnAForgedDecision() throws Exception {
		// Given a failed delivery waiting for an agent
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		carrier(shipmentOf(fo), "DELIVERY_FAILED", "Recipient not at home");
		Jobs.runDue(engine);
		String instance = fulfillmentProcess(fo).getId();

		// When the token is put before "Hold units for the refund" with a variable that claims the decision
		engine.getRuntimeService().setVariable(instance, "failedDeliveryDecision", "REFUND");
		assertThatThrownBy(() -> engine.getRuntimeService()
			.createProcessInstanceModification(instance)
			.startBeforeActivity("Task_HoldUndeliveredUnits")
			.execute()).isInstanceOf(StateConflictException.class).hasMessageContaining("No service agent decided REFUND");

		// and before "Refund undelivered units" (a job), until its retries are spent
		engine.getRuntimeService()
			.createProcessInstanceModification(instance)
			.startBeforeActivity("Task_RefundUndeliveredUnits")
			.execute();
		for (int i = 0; i < 10 && engine.getRuntimeService().createIncidentQuery().processInstanceId(instance).count() == 0; i++) {
			engine.getManagementService()
				.createJobQuery()
				.processInstanceId(instance)
				.list()
				.forEach(job -> engine.getManagementService().setJobDuedate(job.getId(), null));
			Jobs.runDue(engine);
		}

		// Then nothing is held or refunded, and the agent's task is still open
		assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance).singleResult()
			.getIncidentMessage()).contains("No service agent decided REFUND");
		assertThat(payments.ledger(order.id()).refunded()).isZero();
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities().returnInitiated()).isZero();
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.SHIPPED);
		engine.getRuntimeService()
			.createProcessInstanceModification(instance)
			.cancelAllForActivity("Task_RefundUndeliveredUnits")
			.execute();
		assertThat(openTask(fo, USER_TASK_RESOLVE_FAILED_DELIVERY)).isPresent();
	}

	@Test
	void aRefundBeyondWhatIsLeftToRefundIsRefused() throws Exception {
		// Given a failed parcel of 2 × A and 1 × B (35.70 captured), of which 30.00 were refunded for B already
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER");
		stock(berlin, a, 10);
		stock(berlin, b, 10);
		Order order = shippedOrder(orderLine(a, 2, "10.00"), orderLine(b, 1, "10.00"));
		refunds.creditAndRefund(order.id(), new CreditMemoRequest("test:goodwill-" + run, "Goodwill",
				List.of(new CreditMemoItem(2, 0, new BigDecimal("30.00"), BigDecimal.ZERO)), null, null));
		FulfillmentOrder fo = onlyFulfillmentOrder(order);
		carrier(shipmentOf(fo), "DELIVERY_FAILED", "Recipient moved");
		Jobs.runDue(engine);
		Task task = task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY);

		// When the agent decides to refund the parcel, Then that is refused: its units are worth more than is left
		assertThatThrownBy(() -> decide(task, Map.of("failedDeliveryDecision", "REFUND")))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("left to refund");
		assertThat(task(fo, USER_TASK_RESOLVE_FAILED_DELIVERY).getId()).isEqualTo(task.getId());
		assertThat(orders.find(order.id()).orElseThrow().line(1).quantities().returnInitiated()).isZero();
	}

}
