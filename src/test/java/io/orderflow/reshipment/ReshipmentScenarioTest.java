package io.orderflow.reshipment;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_AWAIT_SHIPMENT;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_CAPTURE_PAYMENT;
import static io.orderflow.OrderProcess.ReshipmentProcess.Elements.END_EVENT_RESHIPMENT_COMPLETED;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.LineStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Quantities;
import io.orderflow.platform.web.InvalidRequestException;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reshipments, path by path: Given a delivered order, When some units are reported lost and sent again,
 * Then new fulfillment orders ship them free of charge (no invoice, no capture), stock is reserved and
 * consumed as for any shipment, and the lines count the units as reshipped.
 */
class ReshipmentScenarioTest extends ServiceScenario {

	@Autowired
	Reshipments reshipments;

	ReshipmentScenarioTest() {
		super("RSH", "Reshipment", "reship");
	}

	@Test
	void lostUnitIsSentAgainFreeOfCharge() throws Exception {
		// Given a delivered order of 3 × A, captured once
		String a = sku("A");
		String berlin = location("BER", 1);
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 3, "10.00"));
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("35.70");
		long invoicesBefore = count("select count(*) from invoice where order_id = :id", order);

		// When 1 unit is reported lost and reshipped
		Reshipment requested = reship(order, Map.of(1, 1));
		assertThat(requested.status()).isEqualTo(ReshipmentStatus.REQUESTED);
		Jobs.runDue(engine);

		// Then a fulfillment order of the reshipment reserves it at the location
		Reshipment inProgress = reshipments.find(requested.id()).orElseThrow();
		assertThat(inProgress.status()).isEqualTo(ReshipmentStatus.IN_PROGRESS);
		List<FulfillmentOrder> fos = fulfillmentOrders.ofReshipment(requested.id());
		assertThat(fos).hasSize(1);
		FulfillmentOrder fo = fos.get(0);
		assertThat(fo.reshipment()).isTrue();
		assertThat(fo.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(1));
		assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.RELEASED);
		assertThat(stockOf(berlin, a)).containsExactly(7, 1);
		assertThat(fulfillmentProcess(fo)).isWaitingAt(TASK_AWAIT_SHIPMENT);
		Invariants.assertHold(jdbc, engine);

		// And when it ships and is delivered
		shipAndDeliver(fo);

		// Then it is reshipped: stock consumed, the line counts it, no invoice and no capture for it
		Reshipment done = reshipments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReshipmentStatus.RESHIPPED);
		assertThat(done.lines()).containsExactly(new Reshipment.Line(1, a, 1, 1, 0));
		assertThat(new ProcessInstanceRef(done.processInstanceId())).isEnded()
			.hasPassed(END_EVENT_RESHIPMENT_COMPLETED);
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed("Gateway_Chargeable", "Gateway_PaymentSettled")
			.hasNotPassed(TASK_CAPTURE_PAYMENT);
		assertThat(stockOf(berlin, a)).containsExactly(6, 0);
		Quantities q = orders.find(order.id()).orElseThrow().lines().get(0).quantities();
		assertThat(q.reshipped()).isEqualTo(1);
		assertThat(q.fulfilled()).isEqualTo(3);
		assertThat(q.allocated()).isEqualTo(3);
		assertThat(q.availableToReship()).isEqualTo(2);
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).status()).isEqualTo(LineStatus.RESHIPPED);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("35.70");
		assertThat(count("select count(*) from invoice where order_id = :id", order)).isEqualTo(invoicesBefore);
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
		assertThat(orders.timeline(order.id())).anyMatch(e -> e.type().equals("RESHIPMENT")
				&& e.description().contains("Reshipment RESHIPPED"));
	}

	@Test
	void withoutStockNothingIsReshippedAndNothingReserved() throws Exception {
		// Given a delivered order whose last unit of A was the one shipped
		String a = sku("A");
		String berlin = location("BER", 1);
		stock(berlin, a, 2);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		assertThat(stockOf(berlin, a)).containsExactly(0, 0);

		// When a unit is to be reshipped
		Reshipment requested = reship(order, Map.of(1, 1));
		Jobs.runDue(engine);

		// Then no location has it: NOT_RESHIPPED, no fulfillment order, nothing reserved or reshipped
		Reshipment done = reshipments.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReshipmentStatus.NOT_RESHIPPED);
		assertThat(done.lines()).containsExactly(new Reshipment.Line(1, a, 1, 0, 1));
		assertThat(done.result()).contains("no location has the stock");
		assertThat(new ProcessInstanceRef(done.processInstanceId())).isEnded()
			.hasPassed(END_EVENT_RESHIPMENT_COMPLETED);
		assertThat(fulfillmentOrders.ofReshipment(requested.id())).isEmpty();
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().reshipped()).isZero();

		// And the units are available to reship again once stock arrives
		stock(berlin, a, 5);
		Reshipment again = reship(order, Map.of(1, 2));
		Jobs.runDue(engine);
		assertThat(reshipments.find(again.id()).orElseThrow().status()).isEqualTo(ReshipmentStatus.IN_PROGRESS);
		assertThat(stockOf(berlin, a)).containsExactly(5, 2);
	}

	@Test
	void moreThanAvailableCountsOpenReshipmentsAndStoresNothing() throws Exception {
		// Given a delivered order of 2 with one open reshipment of 1
		String a = sku("A");
		String berlin = location("BER", 1);
		stock(berlin, a, 10);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Reshipment first = reship(order, Map.of(1, 1));
		Jobs.runDue(engine);

		// When 2 more are asked for, Then it is refused naming the line and the 1 unit still available
		assertThatThrownBy(() -> reship(order, Map.of(1, 2))).isInstanceOfSatisfying(InvalidRequestException.class,
				invalid -> {
					assertThat(invalid.violations()).singleElement().satisfies(v -> {
						assertThat(v.field()).isEqualTo("lines[0].quantity");
						assertThat(v.message()).contains("only 1");
					});
				});
		assertThat(reshipments.ofOrder(order.id())).hasSize(1);

		// And once the first one shipped, its unit counts as reshipped and is not available twice
		shipAndDeliver(fulfillmentOrders.ofReshipment(first.id()).get(0));
		assertThatThrownBy(() -> reship(order, Map.of(1, 2))).isInstanceOf(InvalidRequestException.class);
		Reshipment second = reship(order, Map.of(1, 1));
		Jobs.runDue(engine);
		shipAndDeliver(fulfillmentOrders.ofReshipment(second.id()).get(0));
		assertThat(orders.find(order.id()).orElseThrow().lines().get(0).quantities().availableToReship()).isZero();
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("23.80");
	}

	// --- When helpers -------------------------------------------------------------------------

	Reshipment reship(Order order, Map<Integer, Integer> lines) {
		List<ReshipmentRequest.Line> requested = new java.util.TreeMap<>(lines).entrySet()
			.stream()
			.map(e -> new ReshipmentRequest.Line(e.getKey(), e.getValue()))
			.toList();
		return reshipments.request(order.id(), new ReshipmentRequest(requested, "lost in transit"), null, "integrator")
			.resource();
	}

}
