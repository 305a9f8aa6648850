package io.orderflow.exchange;

import static io.orderflow.ExchangeNames.Elements.CALL_ACTIVITY_SHIP_REPLACEMENT;
import static io.orderflow.ExchangeNames.Elements.END_EVENT_EXCHANGE_COMPLETED;
import static io.orderflow.ExchangeNames.Elements.END_EVENT_EXCHANGE_REJECTED;
import static io.orderflow.ExchangeNames.Elements.EVENT_RETURNED_UNITS_RECEIVED;
import static io.orderflow.ExchangeNames.Elements.RECEIVE_TASK_AWAIT_RETURNED_UNITS;
import static io.orderflow.ExchangeNames.Elements.TASK_APPROVE_EXCHANGE;
import static io.orderflow.ExchangeNames.Elements.TASK_RESERVE_REPLACEMENT;
import static io.orderflow.OrderProcess.FulfillmentOrderProcess.Elements.TASK_CAPTURE_PAYMENT;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.inventory.Product;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.payment.Ledger;
import io.orderflow.payment.PaymentAuthorization;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.Jobs;
import io.orderflow.testsupport.ProcessInstanceRef;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exchanges, path by path: Given a delivered order of 2 × A at 10.00 (+19 %, 11.90 a unit), When one unit is
 * sent back for a replacement, Then the return policy and the reservation policy decide, the replacement ships as
 * a fulfillment order of the order, and the money moves by the difference only: none for an even exchange, the
 * difference authorized and captured for a dearer one, refunded for a cheaper one.
 */
class ExchangeScenarioTest extends ExchangeScenario {

	ExchangeScenarioTest() {
		super("EXS", "Exchange", "exchange");
	}

	@Test
	void anEvenExchangeForAnotherSizeShipsAtApprovalAndMovesNoMoney() throws Exception {
		// Given a delivered order and another size in stock
		String berlin = location("BER", 1);
		String a = sku("A");
		String large = sku("A-L");
		stock(berlin, a, 5);
		stock(berlin, large, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Ledger before = payments.ledger(order.id());

		// When a unit that does not fit is exchanged for the large one at the same price
		Exchange requested = exchange(order, "DOES_NOT_FIT", large, null);
		Jobs.runDue(engine);

		// Then it is approved, the replacement reserved at once and on its way, the unit awaited
		Exchange approved = exchanges.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(ExchangeStatus.APPROVED);
		assertThat(approved.kind()).isEqualTo("EVEN");
		assertThat(approved.reserveOn()).isEqualTo("APPROVAL");
		ProcessInstanceRef process = new ProcessInstanceRef(approved.processInstanceId());
		assertThat(process).isWaitingAt(RECEIVE_TASK_AWAIT_RETURNED_UNITS, CALL_ACTIVITY_SHIP_REPLACEMENT);
		OrderLine replacement = orders.require(order.id()).line(2);
		assertThat(replacement.exchangeId()).isEqualTo(approved.id());
		assertThat(replacement.sku()).isEqualTo(large);
		assertThat(replacement.quantities().allocated()).isEqualTo(1);
		assertThat(orders.require(order.id()).line(1).quantities().returnInitiated()).isEqualTo(1);
		Invariants.assertHold(jdbc, engine);

		// When the replacement ships and arrives, and the unit comes back
		FulfillmentOrder fo = replacementFulfillmentOrder(approved);
		shipAndDeliver(fo);
		received(approved, "RCV-1");

		// Then the exchange is completed; invoice 11.90 and credit memo 11.90, nothing captured or refunded
		assertThat(process).isEnded().hasPassed(END_EVENT_EXCHANGE_COMPLETED).hasNotPassed(EVENT_RETURNED_UNITS_RECEIVED);
		assertThat(historicFulfillmentProcess(fo)).isEnded().hasPassed(TASK_CAPTURE_PAYMENT);
		assertThat(exchanges.find(approved.id()).orElseThrow().status()).isEqualTo(ExchangeStatus.COMPLETED);
		Ledger after = payments.ledger(order.id());
		assertThat(after.captured()).isEqualByComparingTo(before.captured());
		assertThat(after.refunded()).isEqualByComparingTo(before.refunded());
		assertThat(after.invoiced().subtract(before.invoiced())).isEqualByComparingTo("11.90");
		assertThat(after.credited().subtract(before.credited())).isEqualByComparingTo("11.90");
		assertThat(orders.require(order.id()).line(1).quantities().returned()).isEqualTo(1);
		assertThat(stockOf(berlin, a).get(0)).isEqualTo(4);
	}

	@Test
	void aDearerReplacementIsChargedTheDifference() throws Exception {
		String berlin = location("BER", 1);
		String a = sku("A");
		String b = sku("B");
		stock(berlin, a, 5);
		stock(berlin, b, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Ledger before = payments.ledger(order.id());

		// When a unit is exchanged for another product at 15.00 (17.85): 5.95 more
		Exchange requested = exchange(order, "DOES_NOT_FIT", b, new BigDecimal("15.00"));
		Jobs.runDue(engine);

		// Then 5.95 is authorized at approval and captured when the replacement ships, no more
		Exchange approved = exchanges.find(requested.id()).orElseThrow();
		assertThat(approved.difference()).isEqualByComparingTo("5.95");
		assertThat(authorizations.authorizations(order.id())).hasSize(2);
		shipAndDeliver(replacementFulfillmentOrder(approved));
		received(approved, "RCV-1");
		Ledger after = payments.ledger(order.id());
		assertThat(after.captured().subtract(before.captured())).isEqualByComparingTo("5.95");
		assertThat(after.refunded()).isEqualByComparingTo(before.refunded());
		assertThat(new ProcessInstanceRef(approved.processInstanceId())).isEnded().hasPassed(END_EVENT_EXCHANGE_COMPLETED);
	}

	@Test
	void aDearerReplacementApprovedWhileTheOrderShipsElsewhereKeepsItsAuthorizationWhenTheOrderCompletes()
			throws Exception {
		// Given an order split over two locations, the part from Berlin delivered, the part from Munich not yet
		String berlin = location("BER", 1);
		String munich = location("MUC", 2);
		String a = sku("A");
		String b = sku("B");
		String c = sku("C");
		stock(berlin, a, 5);
		stock(berlin, b, 5);
		stock(munich, c, 5);
		Order order = releasedOrder(orderLine(a, 2, "10.00"), orderLine(c, 1, "4.00"));
		shipAndDeliver(at(order, berlin));

		// When a delivered unit is exchanged for a dearer product (5.95 more authorized), and then the rest of
		// the order is delivered, which completes its lifecycle
		Exchange requested = exchange(order, "DOES_NOT_FIT", b, new BigDecimal("15.00"));
		Jobs.runDue(engine);
		Exchange approved = exchanges.find(requested.id()).orElseThrow();
		assertThat(approved.status()).isEqualTo(ExchangeStatus.APPROVED);
		Ledger before = payments.ledger(order.id());
		shipAndDeliver(at(order, munich));
		assertThat(lifecycle(order)).isEnded();

		// Then the exchange's authorization is still there for the replacement, and is captured when it ships
		assertThat(authorizations.authorizations(order.id())
			.stream()
			.filter(auth -> auth.status() == PaymentAuthorization.Status.AUTHORIZED)
			.map(PaymentAuthorization::uncaptured)
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("5.95");
		shipAndDeliver(replacementFulfillmentOrder(approved));
		received(approved, "RCV-C");
		Ledger after = payments.ledger(order.id());
		assertThat(after.captured().subtract(before.captured())).isEqualByComparingTo(new BigDecimal("4.76").add(new BigDecimal("5.95")));
		assertThat(new ProcessInstanceRef(approved.processInstanceId())).isEnded().hasPassed(END_EVENT_EXCHANGE_COMPLETED);
		Invariants.assertHold(jdbc, engine);
	}

	@Test
	void aDearerReplacementWhoseDifferenceIsDeclinedIsRejectedAndChangesNothing() throws Exception {
		// Given a delivered order whose card now declines
		String berlin = location("BER", 1);
		String a = sku("A");
		String b = sku("B");
		stock(berlin, a, 5);
		stock(berlin, b, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		jdbc.sql("update orders set payment_token = 'tok_decline' where id = :id").param("id", order.id()).update();

		// When a dearer replacement is asked for
		Exchange requested = exchange(order, "DOES_NOT_FIT", b, new BigDecimal("15.00"));
		Jobs.runDue(engine);

		// Then the exchange is rejected with the decline, and the order has no new line and nothing to come back
		Exchange rejected = exchanges.find(requested.id()).orElseThrow();
		assertThat(rejected.status()).isEqualTo(ExchangeStatus.REJECTED);
		assertThat(rejected.statusReason()).contains("declined");
		assertThat(new ProcessInstanceRef(rejected.processInstanceId())).isEnded().hasPassed(END_EVENT_EXCHANGE_REJECTED)
			.hasNotPassed(TASK_APPROVE_EXCHANGE);
		assertThat(orders.require(order.id()).lines()).hasSize(1);
		assertThat(orders.require(order.id()).line(1).quantities().returnInitiated()).isZero();
	}

	@Test
	void aCheaperReplacementWaitsForTheUnitAndRefundsTheDifference() throws Exception {
		String berlin = location("BER", 1);
		String a = sku("A");
		String c = sku("C");
		stock(berlin, a, 5);
		stock(berlin, c, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		Ledger before = payments.ledger(order.id());

		// When a unit is exchanged for one at 8.00 (9.52): 2.38 less
		Exchange requested = exchange(order, "DOES_NOT_FIT", c, new BigDecimal("8.00"));
		Jobs.runDue(engine);

		// Then the policy reserves the replacement only once the unit is back: nothing reserved yet
		Exchange approved = exchanges.find(requested.id()).orElseThrow();
		assertThat(approved.reserveOn()).isEqualTo("RECEIPT");
		ProcessInstanceRef process = new ProcessInstanceRef(approved.processInstanceId());
		assertThat(process).isWaitingAt(RECEIVE_TASK_AWAIT_RETURNED_UNITS, EVENT_RETURNED_UNITS_RECEIVED);
		assertThat(stockOf(berlin, c)).containsExactly(5, 0);

		// When the unit comes back
		received(approved, "RCV-1");

		// Then 2.38 is refunded, the replacement reserved, and shipped without a capture
		assertThat(process).hasPassed(EVENT_RETURNED_UNITS_RECEIVED, TASK_RESERVE_REPLACEMENT);
		assertThat(payments.ledger(order.id()).refunded().subtract(before.refunded())).isEqualByComparingTo("2.38");
		assertThat(stockOf(berlin, c)).containsExactly(5, 1);
		shipAndDeliver(replacementFulfillmentOrder(exchanges.find(approved.id()).orElseThrow()));
		Ledger after = payments.ledger(order.id());
		assertThat(after.captured()).isEqualByComparingTo(before.captured());
		assertThat(after.invoiced().subtract(before.invoiced())).isEqualByComparingTo("9.52");
		assertThat(after.credited().subtract(before.credited())).isEqualByComparingTo("11.90");
		assertThat(process).isEnded().hasPassed(END_EVENT_EXCHANGE_COMPLETED);
	}

	@Test
	void aChangeOfMindIsReservedOnlyOnReceiptEvenAtTheSamePrice() throws Exception {
		String berlin = location("BER", 1);
		String a = sku("A");
		String large = sku("A-L");
		stock(berlin, a, 5);
		stock(berlin, large, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));

		Exchange requested = exchange(order, "CHANGED_MIND", large, null);
		Jobs.runDue(engine);

		Exchange approved = exchanges.find(requested.id()).orElseThrow();
		assertThat(approved.kind()).isEqualTo("EVEN");
		assertThat(approved.reserveOn()).isEqualTo("RECEIPT");
		assertThat(new ProcessInstanceRef(approved.processInstanceId())).isWaitingAt(RECEIVE_TASK_AWAIT_RETURNED_UNITS,
				EVENT_RETURNED_UNITS_RECEIVED);
		assertThat(orders.require(order.id()).line(2).quantities().allocated()).isZero();
		received(approved, "RCV-1");
		assertThat(orders.require(order.id()).line(2).quantities().allocated()).isEqualTo(1);
	}

	@Test
	void anArticleTheCatalogDoesNotTakeBackIsRejectedByTheReturnPolicy() throws Exception {
		String berlin = location("BER", 1);
		String a = sku("A");
		String large = sku("A-L");
		stock(berlin, a, 5);
		stock(berlin, large, 5);
		Order order = deliveredOrder(orderLine(a, 2, "10.00"));
		inventory.saveProduct(new Product(a, "Not returnable", false));

		Exchange requested = exchange(order, "DOES_NOT_FIT", large, null);
		Jobs.runDue(engine);

		Exchange rejected = exchanges.find(requested.id()).orElseThrow();
		assertThat(rejected.status()).isEqualTo(ExchangeStatus.REJECTED);
		assertThat(rejected.statusReason()).contains("cannot be returned (catalog)");
		assertThat(new ProcessInstanceRef(rejected.processInstanceId())).isEnded().hasPassed(END_EVENT_EXCHANGE_REJECTED);
		assertThat(orders.require(order.id()).lines()).hasSize(1);
	}

	// --- helpers ------------------------------------------------------------------------------

	Exchange exchange(Order order, String reason, String replacementSku, BigDecimal unitPrice) {
		return exchanges.request(order.id(), new ExchangeRequest(List.of(new ExchangeRequest.Line(1, 1, reason)),
				new ExchangeRequest.Replacement(replacementSku, 1, unitPrice, unitPrice == null ? null : new BigDecimal("0.19"))),
				null, "integrator").resource();
	}

}
