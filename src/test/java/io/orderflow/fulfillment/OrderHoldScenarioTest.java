package io.orderflow.fulfillment;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_SHIPMENT;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.BOUNDARY_EVENT_RETRY_ALLOCATION;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.CATCH_EVENT_ORDER_RELEASED_FROM_HOLD;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_ALLOCATE_INVENTORY;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.TASK_CHECK_ORDER_HOLD;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.USER_TASK_RESOLVE_BACKORDER;
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

import io.orderflow.cancellation.CancellationRequest;
import io.orderflow.cancellation.Cancellations;
import io.orderflow.order.Order;
import io.orderflow.order.OrderHold;
import io.orderflow.order.OrderHolds;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEntry;
import io.orderflow.order.TimelineType;
import io.orderflow.platform.web.StateConflictException;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Jobs;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * An agent's hold, path by path: Given an order at some point of its fulfillment, When an agent holds it, Then it
 * allocates and releases nothing more and what is at a location is asked to wait; When the hold is released, Then the
 * order goes on where it stood. Holding twice and releasing an order not held are refused; a held order can be
 * canceled.
 */
class OrderHoldScenarioTest extends ServiceScenario {

	@Autowired
	HeldOrders heldOrders;

	@Autowired
	OrderHolds holds;

	@Autowired
	Cancellations cancellations;

	OrderHoldScenarioTest() {
		super("HLD", "Hold", "hold");
	}

	@Test
	void anOrderHeldBeforeAllocationAllocatesNothingUntilItIsReleased() throws Exception {
		// Given an order just received, and stock for it
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = submit(orderLine(a, 2, "10.00"));

		// When an agent holds it and its lifecycle runs
		OrderHold hold = heldOrders.place(order.id(), "customer asked us to wait for the new address", "agent");
		Jobs.runDue(engine);

		// Then its payment is authorized and it is approved, but it waits before allocating: no stock, no location
		assertThat(hold.active()).isTrue();
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.APPROVED);
		assertThat(lifecycle(order)).isWaitingAt(CATCH_EVENT_ORDER_RELEASED_FROM_HOLD);
		assertThat(fulfillmentOrders.ofOrder(order.id())).isEmpty();
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(holds.active(order.id())).hasValueSatisfying(active -> {
			assertThat(active.heldBy()).isEqualTo("agent");
			assertThat(active.reason()).isEqualTo("customer asked us to wait for the new address");
		});

		// When the hold is released
		heldOrders.lift(order.id(), "new address confirmed", "supervisor");
		assertThat(lifecycle(order)).hasPassed(CATCH_EVENT_ORDER_RELEASED_FROM_HOLD, TASK_CHECK_ORDER_HOLD)
			.isWaitingAt(TASK_ALLOCATE_INVENTORY);
		Jobs.runDue(engine);

		// Then it allocates and releases to the location, ships and is delivered
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(holds.active(order.id())).isEmpty();
		shipAndDeliver(fo);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);

		// And the timeline says who held and released it and why, once each; the events tell it as MANUAL
		assertThat(orders.timeline(order.id())).filteredOn(e -> TimelineType.HOLD.equals(e.type()))
			.extracting(TimelineEntry::actor, TimelineEntry::description)
			.containsExactly(tuple("agent", "Order held: customer asked us to wait for the new address"),
					tuple("supervisor", "Order released from hold: new address confirmed"));
		assertThat(descriptions(order)).contains("Allocation waits: the order is on hold").doesNotHaveDuplicates();
		assertThat(events(order, "order.held")).singleElement()
			.asString()
			.contains("\"hold\":\"MANUAL\"", "\"by\":\"agent\"", "\"from\":\"RECEIVED\"", "\"to\":\"RECEIVED\"");
		assertThat(events(order, "order.released")).singleElement()
			.asString()
			.contains("\"hold\":\"MANUAL\"", "\"by\":\"supervisor\"", "new address confirmed");
	}

	@Test
	void whatIsAtALocationIsAskedToWaitAndMayShipOnceReleased() throws Exception {
		// Given an order released to its location
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);

		// When an agent holds it
		heldOrders.place(order.id(), "suspected fraud, checking with the bank", "agent");

		// Then the location is asked to wait; the fulfillment order is still RELEASED and its process still waits
		assertThat(events(order, "fulfillment_order.held")).singleElement()
			.asString()
			.contains(fo.id().toString(), "suspected fraud, checking with the bank");
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_SHIPMENT);
		assertThat(descriptions(order)).contains("Asked to wait while the order is held: " + fo.number() + " at "
				+ fo.locationId() + " (RELEASED)");

		// When the hold is released, the location is told it may ship
		heldOrders.lift(order.id(), "the bank confirmed the card", "agent");
		assertThat(events(order, "fulfillment_order.resumed")).singleElement()
			.asString()
			.contains(fo.id().toString(), "the bank confirmed the card");

		// And it ships and is delivered as any other
		Jobs.runDue(engine);
		shipAndDeliver(fo);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void aFulfillmentOrderDueForReleaseWhileTheOrderIsHeldStaysCreatedUntilTheHoldEnds() throws Exception {
		// Given an order allocated, its fulfillment order created and its release to the location still to run
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = submit(orderLine(a, 1, "10.00"));
		runUntilFulfillmentOrderExists(order);
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.CREATED);

		// When an agent holds the order and the release runs
		heldOrders.place(order.id(), "wait for the customer's call", "agent");
		Jobs.runDue(engine);

		// Then it is not released: the location learns nothing, its process waits
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.CREATED);
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_SHIPMENT);
		assertThat(events(order, "fulfillment_order.released")).isEmpty();
		assertThat(descriptions(order)).contains("Fulfillment order " + fo.number() + " is not released to "
				+ fo.locationId() + " while the order is held");

		// When the hold is released, so is the fulfillment order, and it ships
		heldOrders.lift(order.id(), "the customer called", "agent");
		assertThat(fulfillmentOrders.find(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(events(order, "fulfillment_order.released")).hasSize(1);
		assertThat(events(order, "fulfillment_order.resumed")).isEmpty();
		Jobs.runDue(engine);
		shipAndDeliver(fo);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void aHeldBackorderedOrderRetriesNothingAndRetriesAtOnceWhenReleased() throws Exception {
		// Given an order of which one line waits for stock
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER");
		stock(berlin, a, 5);
		stock(berlin, b, 0);
		Order order = submit(orderLine(a, 1, "10.00"), orderLine(b, 2, "5.00"));
		Jobs.runDue(engine);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.BACKORDERED);

		// When an agent holds it, stock arrives and the retry timer fires
		heldOrders.place(order.id(), "customer may change the size", "agent");
		stock(berlin, b, 10);
		Jobs.fireTimers(engine, order.orderNumber(), BOUNDARY_EVENT_RETRY_ALLOCATION);

		// Then nothing is allocated: the backorder waits again
		assertThat(fulfillmentOrders.ofOrder(order.id())).hasSize(1);
		assertThat(stockOf(berlin, b)).containsExactly(10, 0);
		assertThat(lifecycle(order)).isWaitingAt(USER_TASK_RESOLVE_BACKORDER);

		// When the hold is released, the backordered line is allocated at once, without waiting for the timer
		heldOrders.lift(order.id(), "customer keeps the size", "agent");
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(order.id())).hasSize(2)
			.allSatisfy(fo -> assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.RELEASED));
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.ALLOCATED);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(order.id())) {
			shipAndDeliver(fo);
		}
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void holdingTwiceAndReleasingAnOrderNotHeldAreRefused() throws Exception {
		// Given a held order, and an order on hold for its risk review (ON_HOLD, not an agent's hold)
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order held = releasedOrder(orderLine(a, 1, "10.00"));
		heldOrders.place(held.id(), "first", "agent");
		Order inReview = submit(orderLine(a, 2, "600.00"));
		Jobs.runDue(engine);
		assertThat(orderStatus(inReview)).isEqualTo(OrderStatus.ON_HOLD);

		// Then a second hold is a conflict that names the first
		assertThatThrownBy(() -> heldOrders.place(held.id(), "second", "other-agent"))
			.isInstanceOf(StateConflictException.class)
			.hasMessageContaining("already on hold")
			.hasMessageContaining("agent");
		// and so is releasing an order nobody holds, the risk review's hold named as such
		assertThatThrownBy(() -> heldOrders.lift(inReview.id(), "let it go", "agent"))
			.isInstanceOf(StateConflictException.class)
			.hasMessageContaining("is not on hold by an agent: it is ON_HOLD for a risk review");
		assertThat(holds.ofOrder(held.id())).hasSize(1);
		assertThat(holds.ofOrder(inReview.id())).isEmpty();

		// And an order with nothing left to hold is refused too
		heldOrders.lift(held.id(), "done", "agent");
		Jobs.runDue(engine);
		shipAndDeliver(fulfillmentOrders.ofOrder(held.id()).get(0));
		assertThatThrownBy(() -> heldOrders.place(held.id(), "too late", "agent"))
			.isInstanceOf(StateConflictException.class)
			.hasMessageContaining("nothing of it is left to hold");
	}

	@Test
	void aHeldOrderCanBeCanceledAndItsHoldEndsWithIt() throws Exception {
		// Given an order held before it allocated
		String a = sku("A");
		String berlin = location("BER");
		stock(berlin, a, 10);
		Order order = submit(orderLine(a, 2, "10.00"));
		heldOrders.place(order.id(), "check the address", "agent");
		Jobs.runDue(engine);
		assertThat(lifecycle(order)).isWaitingAt(CATCH_EVENT_ORDER_RELEASED_FROM_HOLD);

		// When the whole order is canceled
		cancellations.request(order.id(), new CancellationRequest(null, true, "customer changed their mind"), null,
				"integrator");
		Jobs.runDue(engine);

		// Then it is CANCELED, the hold released by the cancellation, the lifecycle completed, the authorization voided
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.CANCELED);
		assertThat(holds.active(order.id())).isEmpty();
		assertThat(holds.ofOrder(order.id())).singleElement().satisfies(hold -> {
			assertThat(hold.releasedBy()).isEqualTo("system:cancellation");
			assertThat(hold.releaseReason()).isEqualTo("the order is canceled");
		});
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(fulfillmentOrders.ofOrder(order.id())).isEmpty();
		assertThat(stockOf(berlin, a)).containsExactly(10, 0);
		assertThat(payments.ledger(order.id()).authorized()).isZero();
		assertThat(count("select count(*) from payment_transaction where order_id = :id and type = 'VOID'", order))
			.isEqualTo(1);
		assertThat(descriptions(order)).doesNotHaveDuplicates();
	}

	@Test
	void aHoldTheOrderOutlivesIsReleasedBySystemWhenTheOrderIsComplete() throws Exception {
		// Given an order at its location, held by an agent
		String a = sku("A");
		stock(location("BER"), a, 10);
		Order order = releasedOrder(orderLine(a, 1, "10.00"));
		FulfillmentOrder fo = fulfillmentOrders.ofOrder(order.id()).get(0);
		heldOrders.place(order.id(), "customer may change the address", "agent");

		// When the location ships it all the same and the parcel is delivered
		shipAndDeliver(fo);

		// Then the order is complete, and its hold released by the system with the reason, on the timeline and as an event
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(holds.active(order.id())).isEmpty();
		assertThat(holds.ofOrder(order.id())).singleElement().satisfies(hold -> {
			assertThat(hold.releasedBy()).isEqualTo("system");
			assertThat(hold.releaseReason()).isEqualTo("the order is completed");
		});
		assertThat(orders.timeline(order.id())).filteredOn(entry -> entry.type().equals(TimelineType.HOLD))
			.extracting(TimelineEntry::actor, TimelineEntry::description)
			.containsExactly(tuple("agent", "Order held: customer may change the address"),
					tuple("system", "Order released from hold: the order is completed"));
		assertThat(events(order, "order.released")).singleElement()
			.asString()
			.contains("\"by\":\"system\"", "the order is completed");
		assertThat(descriptions(order)).doesNotHaveDuplicates();
	}

	@Test
	void aHeldOrderWhoseRestIsCanceledAfterTheOtherLinesShippedIsReleasedAndCompletes() throws Exception {
		// Given an order whose line A is delivered and whose line B waits for stock, held by an agent
		String a = sku("A");
		String b = sku("B");
		String berlin = location("BER");
		stock(berlin, a, 5);
		stock(berlin, b, 0);
		Order order = submit(orderLine(a, 1, "10.00"), orderLine(b, 2, "5.00"));
		Jobs.runDue(engine);
		shipAndDeliver(fulfillmentOrders.ofOrder(order.id()).get(0));
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
		heldOrders.place(order.id(), "customer may want another colour", "agent");

		// When the customer cancels what is left (line B)
		cancellations.request(order.id(), new CancellationRequest(null, true, "customer changed their mind"), null,
				"integrator");
		Jobs.runDue(engine);

		// Then nothing is left to hold (A delivered, B canceled): the hold is released, the lifecycle goes on and completes
		assertThat(holds.active(order.id())).isEmpty();
		assertThat(holds.ofOrder(order.id())).singleElement().satisfies(hold -> {
			assertThat(hold.releasedBy()).isEqualTo("system:cancellation");
			assertThat(hold.releaseReason()).isEqualTo("the order is completed");
		});
		Jobs.runDue(engine);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(descriptions(order)).doesNotHaveDuplicates();
	}

	@Test
	void aHeldOrderWhosePaymentIsDeclinedEndsRejectedAndItsHoldWithIt() throws Exception {
		// Given an order held by an agent while its payment is still to be authorized
		String a = sku("A");
		stock(location("BER"), a, 10);
		Map<String, Object> submission = orderOf(orderLine(a, 1, "10.00"));
		submission.put("payment", Map.of("method", "CARD", "token", "tok_decline"));
		Order order = submitOrder(submission);
		heldOrders.place(order.id(), "customer called about the card", "agent");

		// When the payment is declined
		Jobs.runDue(engine);

		// Then the order is REJECTED, and its hold released by the system
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.REJECTED);
		assertThat(holds.active(order.id())).isEmpty();
		assertThat(holds.ofOrder(order.id())).singleElement().satisfies(hold -> {
			assertThat(hold.releasedBy()).isEqualTo("system");
			assertThat(hold.releaseReason()).isEqualTo("the order is rejected");
		});
		assertThat(descriptions(order)).contains("Order released from hold: the order is rejected");
	}

	@Test
	void aReleaseRacingTheCheckBeforeAllocationNeverLeavesTheOrderWaiting() throws Exception {
		for (int round = 0; round < 3; round++) {
			// Given a held order whose lifecycle is about to reach "Check for a hold" (in its authorization's job)
			String a = sku("R" + round);
			stock(location("R" + round), a, 10);
			Order order = submit(orderLine(a, 1, "10.00"));
			heldOrders.place(order.id(), "round " + round, "agent");
			Job authorize = engine.getManagementService()
				.createJobQuery()
				.processInstanceId(lifecycle(order).getId())
				.singleResult();

			// When the job and the release run at the same time
			CountDownLatch start = new CountDownLatch(1);
			var checking = CompletableFuture.runAsync(() -> {
				await(start);
				engine.getManagementService().executeJob(authorize.getId());
			});
			var releasing = CompletableFuture.runAsync(() -> {
				await(start);
				heldOrders.lift(order.id(), "over: " + a, "agent");
			});
			start.countDown();
			checking.get(60, TimeUnit.SECONDS);
			releasing.get(60, TimeUnit.SECONDS);
			Jobs.runDue(engine);

			// Then whichever came first, the order is allocated and released to its location
			assertThat(fulfillmentOrders.ofOrder(order.id())).singleElement()
				.satisfies(fo -> assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.RELEASED));
			assertThat(lifecycle(order)).isNotWaitingAt(CATCH_EVENT_ORDER_RELEASED_FROM_HOLD);
		}
	}

	// --- helpers ------------------------------------------------------------------------------

	List<String> descriptions(Order order) {
		return orders.timeline(order.id()).stream().map(TimelineEntry::description).toList();
	}

	/** The data of the order's events of one type, oldest first. */
	List<String> events(Order order, String type) {
		return jdbc.sql("select payload from order_event where order_id = :id and event_type = :type order by id")
			.params(Map.of("id", order.id(), "type", type))
			.query(String.class)
			.list();
	}

}
