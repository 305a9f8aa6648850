package io.orderflow.delivery;

import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.USER_TASK_RESOLVE_FAILED_DELIVERY;
import static io.orderflow.OrderProcess.LifecycleProcess.Elements.END_EVENT_ORDER_COMPLETED;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.testsupport.Jobs;
import org.junit.jupiter.api.Test;

/**
 * The order's status while units of an undelivered parcel are being sent again: Given an order split across two
 * locations whose one parcel could not be delivered, When the other parcel arrives, Then the order is not DELIVERED
 * until the undelivered units are delivered by the reshipment, or came back and were refunded.
 */
class UndeliveredOrderStatusScenarioTest extends DeliveryScenario {

	UndeliveredOrderStatusScenarioTest() {
		super("UOS", "Undelivered order status", "undelivered-status");
	}

	@Test
	void anOrderWhoseUndeliveredUnitsAreBeingReshippedStaysShippedUntilTheReshipmentIsDelivered() throws Exception {
		// Given an order of A (from Berlin) and B (from Hamburg), both shipped, and A's delivery failed
		String a = sku("A");
		String b = sku("B");
		stock(location("BER", 1), a, 10);
		stock(location("HAM", 2), b, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"), orderLine(b, 1, "10.00"));
		FulfillmentOrder parcelA = fulfillmentOrderOf(order, a);
		FulfillmentOrder parcelB = fulfillmentOrderOf(order, b);
		carrier(shipmentOf(parcelA), "DELIVERY_FAILED", "Address not found");
		Jobs.runDue(engine);

		// When the agent has A sent again, and B arrives
		decide(task(parcelA, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "RESHIP"));
		assertThat(fulfillmentOrders.find(parcelA.id()).status()).isEqualTo(FulfillmentOrderStatus.UNDELIVERED);
		deliver(parcelB);

		// Then the order is not delivered: A is still on its way to the customer
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.SHIPPED);
		FulfillmentOrder again = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(FulfillmentOrder::reshipment)
			.findFirst()
			.orElseThrow();
		ship(again);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.SHIPPED);

		// When the reshipped A arrives
		deliver(again);

		// Then the order is delivered and its lifecycle complete
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
	}

	@Test
	void anOrderWhoseUndeliveredParcelCameBackAndWasRefundedIsDeliveredWithTheOtherParcel() throws Exception {
		// Given an order of A and B from two locations, both shipped; A could not be delivered, is refunded once back
		String a = sku("A");
		String b = sku("B");
		stock(location("BER", 1), a, 10);
		stock(location("HAM", 2), b, 10);
		Order order = shippedOrder(orderLine(a, 1, "10.00"), orderLine(b, 1, "10.00"));
		FulfillmentOrder parcelA = fulfillmentOrderOf(order, a);
		FulfillmentOrder parcelB = fulfillmentOrderOf(order, b);
		carrier(shipmentOf(parcelA), "DELIVERY_FAILED", "Refused by the recipient");
		Jobs.runDue(engine);
		decide(task(parcelA, USER_TASK_RESOLVE_FAILED_DELIVERY), Map.of("failedDeliveryDecision", "REFUND"));

		// When B arrives while A is on its way back: the order is not delivered
		deliver(parcelB);
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.SHIPPED);

		// When A is back at the sender (and refunded)
		carrier(shipmentOf(parcelA), "RETURNED_TO_SENDER", "Back at the depot");
		Jobs.runDue(engine);

		// Then nothing is left under way: the order is delivered, its lifecycle complete
		assertThat(fulfillmentOrders.find(parcelA.id()).status()).isEqualTo(FulfillmentOrderStatus.UNDELIVERED);
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("11.90");
		assertThat(orderStatus(order)).isEqualTo(OrderStatus.DELIVERED);
		assertThat(lifecycle(order)).isEnded().hasPassed(END_EVENT_ORDER_COMPLETED);
	}

	private FulfillmentOrder fulfillmentOrderOf(Order order, String sku) {
		List<FulfillmentOrder> fos = fulfillmentOrders.ofOrder(order.id())
			.stream()
			.filter(fo -> fo.lines().stream().anyMatch(line -> line.sku().equals(sku)))
			.toList();
		assertThat(fos).hasSize(1);
		return fos.get(0);
	}

}
