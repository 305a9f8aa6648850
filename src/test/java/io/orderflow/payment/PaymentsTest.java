package io.orderflow.payment;

import static io.orderflow.testsupport.TestOrders.line;
import static io.orderflow.testsupport.TestOrders.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.testsupport.AllAtOnce;
import io.orderflow.testsupport.TestClock;
import io.orderflow.capture.CaptureService;
import io.orderflow.capture.OrderSubmission;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TimelineEntry;
import io.orderflow.order.TimelineType;
import io.orderflow.payment.PaymentDeclinedException.Reason;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment stage's service on a full Orderflow with the sandbox provider: orders are submitted as the
 * REST API submits them, then authorized, invoiced and captured per fulfillment order, renewed and
 * voided. The same tests run on H2 and on PostgreSQL (see the subclasses). After each test every order's
 * money ledger reconciles and the invariants hold.
 */
abstract class PaymentsTest {

	@Autowired
	Payments payments;

	@Autowired
	Authorizations authorizations;

	@Autowired
	Captures captures;

	@Autowired
	PendingCredits pendingCredits;

	@Autowired
	Refunds refunds;

	@Autowired
	CaptureService capture;

	@Autowired
	Orders orders;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProcessEngine engine;

	@Autowired
	TestClock clock;

	@Autowired
	PlatformTransactionManager transactionManager;

	@MockitoSpyBean
	PaymentGateway gateway;

	final List<UUID> submitted = new ArrayList<>();

	@AfterEach
	void ledgersReconcileAndInvariantsHold() {
		clock.reset();
		for (UUID orderId : submitted) {
			Ledger ledger = payments.ledger(orderId);
			assertThat(ledger.reconciles()).as("ledger of order %s: %s", orderId, ledger).isTrue();
		}
		Invariants.assertHold(jdbc, engine);
	}

	// --- authorization -------------------------------------------------------------------------

	@Test
	void orderIsAuthorizedForItsGrandTotalOnce() {
		Order order = submit(TestOrders.valid());

		PaymentAuthorization first = authorizations.authorizeOrder(order.id());
		PaymentAuthorization again = authorizations.authorizeOrder(order.id());

		assertThat(first.amount()).isEqualTo("58.43");
		assertThat(first.currency()).isEqualTo("EUR");
		assertThat(first.status()).isEqualTo(PaymentAuthorization.Status.AUTHORIZED);
		assertThat(first.gateway()).isEqualTo("sandbox");
		assertThat(first.expiresAt()).isAfter(first.authorizedAt().plusDays(6));
		assertThat(again.id()).isEqualTo(first.id());
		verify(gateway, times(1)).authorize(any(), any(), any(), any(), any());
		assertThat(payments.transactions(order.id())).singleElement().satisfies(transaction -> {
			assertThat(transaction.type()).isEqualTo(PaymentTransaction.Type.AUTHORIZATION);
			assertThat(transaction.status()).isEqualTo(PaymentTransaction.Status.SUCCEEDED);
			assertThat(transaction.idempotencyKey()).isEqualTo("authorize:" + order.id());
			assertThat(transaction.gatewayReference()).isEqualTo(first.gatewayReference());
		});
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("58.43", "0.00", "0.00", "58.43"));
		assertThat(orders.money(order).authorized()).isEqualTo("58.43");
		assertThat(paymentTimeline(order)).singleElement().asString().contains("58.43 EUR authorized");
	}

	@ParameterizedTest(name = "{0} is declined for {1}")
	@CsvSource({ "tok_decline, DECLINED", "tok_insufficient_funds, INSUFFICIENT_FUNDS", "tok_bogus, DECLINED" })
	void declinedPaymentIsRecordedAndReported(String token, Reason reason) {
		Order order = submit(withToken(TestOrders.valid(), token));

		assertThatThrownBy(() -> authorizations.authorizeOrder(order.id())).isInstanceOfSatisfying(
				PaymentDeclinedException.class, declined -> assertThat(declined.reason()).isEqualTo(reason));

		assertThat(authorizations.authorizations(order.id())).isEmpty();
		assertThat(payments.transactions(order.id())).singleElement().satisfies(transaction -> {
			assertThat(transaction.type()).isEqualTo(PaymentTransaction.Type.AUTHORIZATION);
			assertThat(transaction.status()).isEqualTo(PaymentTransaction.Status.FAILED);
			assertThat(transaction.amount()).isEqualTo("58.43");
			assertThat(transaction.result()).isEqualTo(reason.name());
			assertThat(transaction.failureReason()).startsWith(reason.name());
			assertThat(transaction.attempts()).isEqualTo(1);
		});
		assertThat(paymentTimeline(order)).singleElement().asString().contains("declined (" + reason + ")");
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "0.00", "0.00", "0.00"));
	}

	@Test
	void declineSurvivesInTheJobsTransactionWhenTheDelegateTurnsItIntoABpmnError() {
		Order order = submit(withToken(TestOrders.valid(), "tok_insufficient_funds"));

		// as a delegate does: catch the decline, throw a BPMN error, and the job's transaction commits
		new TransactionTemplate(transactionManager).executeWithoutResult(jobTransaction -> {
			assertThatThrownBy(() -> authorizations.authorizeOrder(order.id()))
				.isInstanceOf(PaymentDeclinedException.class);
			assertThat(jobTransaction.isRollbackOnly()).isFalse();
		});

		assertThat(payments.transactions(order.id())).extracting(PaymentTransaction::status)
			.containsExactly(PaymentTransaction.Status.FAILED);
	}

	@Test
	void gatewayUnavailableIsOneFailedCallWhoseAttemptsCountUntilItAnswers() {
		// Given a provider that fails the first two attempts of each call
		Order order = submit(withToken(TestOrders.valid(), "tok_transient_2"));

		// When the authorization is tried twice in vain
		for (int attempt = 1; attempt <= 2; attempt++) {
			assertThatThrownBy(() -> authorizations.authorizeOrder(order.id()))
				.isInstanceOf(PaymentGatewayUnavailableException.class)
				.hasMessageStartingWith("Payment authorization of 58.43 EUR failed "
						+ (attempt == 1 ? "once" : attempt + " times") + " (gateway: Transient failure");
		}

		// Then it is one failed call of the key, tried twice, with what the provider said
		assertThat(payments.transactions(order.id())).singleElement().satisfies(failed -> {
			assertThat(failed.type()).isEqualTo(PaymentTransaction.Type.AUTHORIZATION);
			assertThat(failed.status()).isEqualTo(PaymentTransaction.Status.FAILED);
			assertThat(failed.result()).isEqualTo("UNAVAILABLE");
			assertThat(failed.attempts()).isEqualTo(2);
			assertThat(failed.idempotencyKey()).isEqualTo("authorize:" + order.id());
			assertThat(failed.amount()).isEqualTo("58.43");
			assertThat(failed.failureReason()).startsWith("UNAVAILABLE: Transient failure").contains("attempt 2");
			assertThat(failed.lastAttemptAt()).isAfterOrEqualTo(failed.createdAt());
		});

		// When the third attempt gets through
		PaymentAuthorization authorization = authorizations.authorizeOrder(order.id());

		// Then the order is authorized once, after the failed call
		assertThat(authorization.amount()).isEqualTo("58.43");
		verify(gateway, times(3)).authorize(eq("authorize:" + order.id()), any(), any(), any(), any());
		assertThat(payments.transactions(order.id())).extracting(PaymentTransaction::status, PaymentTransaction::attempts)
			.containsExactly(tuple(PaymentTransaction.Status.FAILED, 2), tuple(PaymentTransaction.Status.SUCCEEDED, 1));
	}

	@Test
	void failedCallIsKeptWhenTheJobsTransactionRollsBack() {
		// Given an order whose provider fails once, and the order locked by the job, as the service steps lock it
		Order order = submit(withToken(TestOrders.valid(), "tok_transient_1"));

		// When the call fails inside the job's transaction, which rolls back
		assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(jobTransaction -> {
			orders.lock(order.id());
			authorizations.authorizeOrder(order.id());
		})).isInstanceOf(PaymentGatewayUnavailableException.class);

		// Then the failed call is still recorded
		assertThat(payments.transactions(order.id())).singleElement().satisfies(failed -> {
			assertThat(failed.status()).isEqualTo(PaymentTransaction.Status.FAILED);
			assertThat(failed.result()).isEqualTo("UNAVAILABLE");
		});
	}

	@Test
	void declinedCaptureIsKeptWhenTheJobsTransactionRollsBack() {
		// Given an authorization that expired before the goods shipped
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		clock.advance(Duration.ofDays(8));
		UUID fulfillmentOrderId = UUID.randomUUID();
		String number = fulfillmentOrderNumber();

		// When the capture job is declined twice and its transaction rolls back each time
		for (int attempt = 1; attempt <= 2; attempt++) {
			assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(
					jobTransaction -> captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number,
							List.of(new InvoiceLine(1, 2)))))
				.isInstanceOf(PaymentDeclinedException.class);
		}

		// Then the declined capture is one failed call, tried twice, with the provider's reason
		assertThat(payments.transactions(order.id())).filteredOn(t -> t.type() == PaymentTransaction.Type.CAPTURE)
			.singleElement()
			.satisfies(failed -> {
				assertThat(failed.status()).isEqualTo(PaymentTransaction.Status.FAILED);
				assertThat(failed.result()).isEqualTo(Reason.AUTHORIZATION_EXPIRED.name());
				assertThat(failed.attempts()).isEqualTo(2);
				assertThat(failed.idempotencyKey()).isEqualTo("capture:" + fulfillmentOrderId);
				assertThat(failed.documentNumber()).isEqualTo("INV-" + number);
			});
		assertThat(payments.ledger(order.id()).captured()).isEqualTo("0.00");
	}

	@Test
	void timeoutIsAnUnavailableGateway() {
		Order order = submit(withToken(TestOrders.valid(), "tok_timeout"));

		assertThatThrownBy(() -> authorizations.authorizeOrder(order.id()))
			.isInstanceOf(PaymentGatewayUnavailableException.class)
			.hasMessageStartingWith("Payment authorization of 58.43 EUR failed once (gateway: timeout");
		assertThat(authorizations.authorizations(order.id())).isEmpty();
		assertThat(payments.transactions(order.id())).singleElement()
			.satisfies(failed -> assertThat(failed.failureReason()).startsWith("UNAVAILABLE: timeout"));
	}

	@Test
	void authorizationRetriedAfterACrashIsReplayedNotChargedTwice() {
		Order order = submit(TestOrders.valid());
		// the gateway authorized, then the job's transaction rolled back before it recorded anything
		assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(jobTransaction -> {
			authorizations.authorizeOrder(order.id());
			throw new IllegalStateException("simulated crash before the commit");
		})).hasMessageContaining("simulated crash");
		assertThat(authorizations.authorizations(order.id())).isEmpty();

		PaymentAuthorization retried = authorizations.authorizeOrder(order.id());

		assertThat(sandboxAuthorizationsFor(order)).containsExactly(retried.gatewayReference());
		assertThat(payments.transactions(order.id())).hasSize(1);
	}

	@Test
	void authorizationAfterTheGatewayWasCalledWithTheSameKeyIsAReplay() {
		Order order = submit(TestOrders.valid());
		GatewayAuthorization direct = gateway.authorize("authorize:" + order.id(), "tok_approve",
				new BigDecimal("58.43"), "EUR", order.orderNumber());

		PaymentAuthorization authorization = authorizations.authorizeOrder(order.id());

		assertThat(authorization.gatewayReference()).isEqualTo(direct.reference());
		assertThat(sandboxAuthorizationsFor(order)).containsExactly(direct.reference());
	}

	// --- invoices and captures -------------------------------------------------------------------

	@Test
	void twoFulfillmentOrdersAreInvoicedAndCapturedExactlyUpToTheGrandTotal() {
		Order order = submit(roundingOrder());
		authorizations.authorizeOrder(order.id());
		String first = fulfillmentOrderNumber();
		String second = fulfillmentOrderNumber();

		Invoice one = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), first,
				List.of(new InvoiceLine(1, 1)));
		Invoice two = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), second,
				List.of(new InvoiceLine(1, 2), new InvoiceLine(2, 1)));

		assertThat(order.totals().grandTotal()).isEqualTo("22.74");
		assertThat(one.invoiceNumber()).isEqualTo("INV-" + first);
		assertThat(one.status()).isEqualTo(Invoice.Status.ISSUED);
		// the first invoice takes the whole shipping charge, the second none of it
		assertThat(List.of(one.netAmount(), one.taxAmount(), one.shippingAmount(), one.totalAmount()))
			.containsExactly(money("3.33"), money("0.63"), money("4.90"), money("8.86"));
		assertThat(List.of(two.netAmount(), two.taxAmount(), two.shippingAmount(), two.totalAmount()))
			.containsExactly(money("11.66"), money("2.22"), money("0.00"), money("13.88"));
		assertThat(two.lines()).extracting(Invoice.Line::lineNumber, Invoice.Line::quantity, Invoice.Line::taxAmount)
			.containsExactly(tuple(1, 2, money("1.27")),
					tuple(2, 1, money("0.95")));
		assertThat(one.totalAmount().add(two.totalAmount())).isEqualTo(order.totals().grandTotal());
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "22.74", "22.74", "22.74"));
		assertThat(authorizations.authorizations(order.id())).singleElement()
			.satisfies(authorization -> assertThat(authorization.status())
				.isEqualTo(PaymentAuthorization.Status.CAPTURED));
		assertThat(payments.transactions(order.id())).filteredOn(t -> t.type() == PaymentTransaction.Type.CAPTURE)
			.extracting(PaymentTransaction::documentNumber, PaymentTransaction::amount)
			.containsExactly(tuple("INV-" + first, money("8.86")),
					tuple("INV-" + second, money("13.88")));
		assertThat(sandboxCaptured(order)).isEqualByComparingTo("22.74");
		assertThat(orders.money(order).captured()).isEqualTo("22.74");
	}

	@Test
	void captureRetriedForTheSameFulfillmentOrderCapturesOnce() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		UUID fulfillmentOrderId = UUID.randomUUID();
		String number = fulfillmentOrderNumber();
		List<InvoiceLine> lines = List.of(new InvoiceLine(1, 2));

		Invoice first = captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number, lines);
		Invoice again = captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number, lines);

		assertThat(again).isEqualTo(first);
		verify(gateway, times(1)).capture(any(), any(), any(), any(), any());
		assertThat(captures.invoices(order.id())).hasSize(1);
		assertThat(payments.ledger(order.id()).captured()).isEqualTo(first.totalAmount());
	}

	@Test
	void pendingCreditsLowerTheCapturesOfTheirLineOrShippingAndCarryTheRest() {
		// Given 3 × 3.33 and 1 × 5.00 (+19 %) and 4.90 shipping, with 3.00 off line 2 and 1.50 off shipping pending
		Order order = submit(roundingOrder());
		authorizations.authorizeOrder(order.id());
		String source = "test:" + UUID.randomUUID();
		PendingCredit line = pendingCredits.schedulePendingCredit(order.id(),
				new PendingCreditRequest(source + ":line", "goodwill", 2, money("2.52"), money("0.48")));
		PendingCredit shipping = pendingCredits.schedulePendingCredit(order.id(),
				new PendingCreditRequest(source + ":shipping", "late", null, money("1.50"), money("0.00")));
		assertThat(pendingCredits.schedulePendingCredit(order.id(),
				new PendingCreditRequest(source + ":line", "goodwill", 2, money("2.52"), money("0.48")))).isEqualTo(line);

		// When the first fulfillment order ships one unit of line 1 (8.86 with the whole 4.90 shipping)
		UUID firstId = UUID.randomUUID();
		Invoice one = captures.captureFulfillmentOrder(order.id(), firstId, fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 1)));

		// Then only shipping's credit applies, all of it: 7.36 captured
		assertThat(one.totalAmount()).isEqualTo(money("8.86"));
		assertThat(refunds.creditMemo(source + ":shipping:capture:" + firstId)).hasValueSatisfying(memo -> {
			assertThat(memo.shippingAmount()).isEqualTo(money("1.50"));
			assertThat(memo.status()).isEqualTo(CreditMemo.Status.ISSUED);
			assertThat(memo.refunds()).isEmpty();
		});
		assertThat(pendingCredits.pendingCredit(source + ":shipping").orElseThrow().remaining()).isEqualTo(money("0.00"));
		assertThat(pendingCredits.pendingCredit(source + ":line").orElseThrow().remaining()).isEqualTo(money("3.00"));

		// When the rest ships (13.88), Then line 2's 3.00 applies: 10.88 captured
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 2), new InvoiceLine(2, 1)));
		assertThat(payments.transactions(order.id())).filteredOn(t -> t.type() == PaymentTransaction.Type.CAPTURE)
			.extracting(PaymentTransaction::amount)
			.containsExactly(money("7.36"), money("10.88"));
		// (the 4.50 authorized beyond the captures stays open until the order completes and releases it)
		assertThat(payments.ledger(order.id())).isEqualTo(new Ledger("EUR", money("4.50"), money("18.24"),
				money("0.00"), money("22.74"), money("4.50"), money("22.74")));
		assertThat(sandboxCaptured(order)).isEqualByComparingTo("18.24");
		assertThat(List.of(line.id(), shipping.id())).allSatisfy(id -> assertThat(pendingCredits.pendingCredits(order.id()))
			.filteredOn(credit -> credit.id().equals(id))
			.singleElement()
			.satisfies(credit -> {
				assertThat(credit.status()).isEqualTo(PendingCredit.Status.APPLIED);
				assertThat(credit.applied()).isEqualTo(credit.amount());
			}));
	}

	@Test
	void pendingCreditBeyondWhatIsLeftToInvoiceLapsesTheRest() {
		// Given 6.00 off line 2, which is worth 5.95 with its tax
		Order order = submit(roundingOrder());
		authorizations.authorizeOrder(order.id());
		String source = "test:" + UUID.randomUUID();
		pendingCredits.schedulePendingCredit(order.id(), new PendingCreditRequest(source, "goodwill", 2, money("5.04"),
				money("0.96")));

		// When line 2 ships, Then 5.95 is taken off its capture and the remaining 0.05 lapses
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(2, 1)));
		PendingCredit credit = pendingCredits.pendingCredit(source).orElseThrow();
		assertThat(credit.status()).isEqualTo(PendingCredit.Status.LAPSED);
		assertThat(credit.applied()).isEqualTo(money("5.95"));
		assertThat(credit.lapsed()).isEqualTo(money("0.05"));
		assertThat(credit.remaining()).isEqualTo(money("0.00"));
		assertThat(paymentTimeline(order)).anyMatch(entry -> entry.startsWith("Pending credit of line 2 lapsed: 0.05 EUR"));
		// the invoice's line 2 plus the whole shipping (the order's first invoice) less 5.95: 4.90 captured
		assertThat(payments.ledger(order.id()).captured()).isEqualTo(money("4.90"));
		assertThat(payments.ledger(order.id()).credited()).isEqualTo(money("5.95"));
	}

	@Test
	void sameFulfillmentOrderWithOtherLinesIsRefused() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		UUID fulfillmentOrderId = UUID.randomUUID();
		String number = fulfillmentOrderNumber();
		captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number, List.of(new InvoiceLine(1, 1)));

		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number,
				List.of(new InvoiceLine(1, 2))))
			.isInstanceOf(IllegalArgumentException.class);
		verify(gateway, times(1)).capture(any(), any(), any(), any(), any());
	}

	@Test
	void fulfillmentOrderNumberOfAnotherFulfillmentOrderIsRefused() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		String number = fulfillmentOrderNumber();
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), number, List.of(new InvoiceLine(1, 1)));

		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), number,
				List.of(new InvoiceLine(1, 1))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("INV-" + number);
	}

	@Test
	void freeItemShippedAloneIsInvoicedWithoutACapture() {
		// free shipping too: the first invoice would otherwise take the shipping charge
		Map<String, Object> submission = TestOrders.valid();
		submission.put("shippingCharge", "0.00");
		@SuppressWarnings("unchecked")
		List<Object> lines = (List<Object>) submission.get("lines");
		lines.add(TestOrders.map("sku", "SKU-C", "name", "Free sample", "quantity", 1, "unitPrice", "0.00", "taxRate",
				"0.19"));
		Order order = submit(submission);
		authorizations.authorizeOrder(order.id());

		Invoice free = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(3, 1)));
		Invoice rest = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 2), new InvoiceLine(2, 1)));

		assertThat(free.totalAmount()).isEqualTo("0.00");
		assertThat(free.status()).isEqualTo(Invoice.Status.ISSUED);
		assertThat(rest.totalAmount()).isEqualTo("53.53");
		verify(gateway, times(1)).capture(any(), any(), any(), any(), any());
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "53.53", "53.53", "53.53"));
	}

	@Test
	void captureRetriedAfterACrashIsReplayedNotChargedTwice() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		UUID fulfillmentOrderId = UUID.randomUUID();
		String number = fulfillmentOrderNumber();
		List<InvoiceLine> everything = List.of(new InvoiceLine(1, 2), new InvoiceLine(2, 1));
		// the gateway captured, then the job's transaction rolled back before it recorded the capture
		assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(jobTransaction -> {
			captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number, everything);
			throw new IllegalStateException("simulated crash before the commit");
		})).hasMessageContaining("simulated crash");
		assertThat(captures.invoices(order.id())).singleElement()
			.satisfies(draft -> assertThat(draft.status()).isEqualTo(Invoice.Status.DRAFT));
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("58.43", "0.00", "0.00", "58.43"));
		assertThat(sandboxCaptured(order)).isEqualByComparingTo("58.43");

		Invoice retried = captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number, everything);

		assertThat(retried.status()).isEqualTo(Invoice.Status.ISSUED);
		assertThat(retried.totalAmount()).isEqualTo("58.43");
		assertThat(sandboxCaptures(order)).isEqualTo(1);
		assertThat(sandboxCaptured(order)).isEqualByComparingTo("58.43");
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "58.43", "58.43", "58.43"));
	}

	@Test
	void transientCaptureFailureIsRetriedToSuccess() {
		Order order = submit(withToken(TestOrders.valid(), "tok_transient_1"));
		assertThatThrownBy(() -> authorizations.authorizeOrder(order.id()))
			.isInstanceOf(PaymentGatewayUnavailableException.class);
		authorizations.authorizeOrder(order.id());
		UUID fulfillmentOrderId = UUID.randomUUID();
		String number = fulfillmentOrderNumber();
		List<InvoiceLine> lines = List.of(new InvoiceLine(2, 1));

		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number, lines))
			.isInstanceOf(PaymentGatewayUnavailableException.class);
		assertThat(payments.ledger(order.id()).captured()).isEqualTo("0.00");
		Invoice invoice = captures.captureFulfillmentOrder(order.id(), fulfillmentOrderId, number, lines);

		assertThat(invoice.status()).isEqualTo(Invoice.Status.ISSUED);
		assertThat(payments.ledger(order.id()).captured()).isEqualTo(invoice.totalAmount());
		assertThat(sandboxCaptures(order)).isEqualTo(1);
	}

	@Test
	void captureOfAnExpiredAuthorizationIsDeclinedAndTheInvoiceStaysADraft() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		clock.advance(Duration.ofDays(8));

		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(),
				fulfillmentOrderNumber(), List.of(new InvoiceLine(1, 2))))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AUTHORIZATION_EXPIRED));

		assertThat(captures.invoices(order.id())).singleElement()
			.satisfies(invoice -> assertThat(invoice.status()).isEqualTo(Invoice.Status.DRAFT));
		assertThat(payments.transactions(order.id())).filteredOn(t -> t.type() == PaymentTransaction.Type.CAPTURE)
			.singleElement()
			.satisfies(failed -> assertThat(failed.status()).isEqualTo(PaymentTransaction.Status.FAILED));
		assertThat(payments.ledger(order.id()).captured()).isEqualTo("0.00");
	}

	@Test
	void captureWithoutAnOpenAuthorizationIsRefused() {
		Order order = submit(TestOrders.valid());

		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(),
				fulfillmentOrderNumber(), List.of(new InvoiceLine(1, 2))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("no open payment authorization");
		assertThat(captures.invoices(order.id())).isEmpty();
	}

	@Test
	void captureBeyondWhatIsAuthorizedIsRefused() {
		Order order = submit(TestOrders.valid());
		PaymentAuthorization authorization = authorizations.authorizeOrder(order.id());
		// an authorization smaller than the order (as a partial authorization would be)
		jdbc.sql("update payment_authorization set amount = 50.00 where id = :id")
			.param("id", authorization.id())
			.update();

		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(),
				fulfillmentOrderNumber(), List.of(new InvoiceLine(1, 2), new InvoiceLine(2, 1))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("exceeds");
		assertThat(captures.invoices(order.id())).isEmpty();
		verify(gateway, never()).capture(any(), any(), any(), any(), any());
	}

	@Test
	void moreThanWasOrderedIsNeverInvoiced() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 2)));

		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(),
				fulfillmentOrderNumber(), List.of(new InvoiceLine(1, 1))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(captures.invoices(order.id())).hasSize(1);
	}

	@Test
	void fulfillmentOrdersCapturedAtTheSameTimeStillAddUpToTheGrandTotal() throws Exception {
		// 10 × 3.33 (tax 6.33) and 1 × 5.00 (tax 0.95) at 19 %, 4.90 shipping: 50.48, in 11 shipments
		Map<String, Object> submission = roundingOrder();
		line(submission, 0).put("quantity", 10);
		Order order = submit(submission);
		authorizations.authorizeOrder(order.id());
		List<Callable<Invoice>> shipments = new ArrayList<>();
		for (int unit = 0; unit < 10; unit++) {
			shipments.add(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(),
					fulfillmentOrderNumber(), List.of(new InvoiceLine(1, 1))));
		}
		shipments.add(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(2, 1))));

		List<Invoice> invoices = AllAtOnce.run(shipments);

		assertThat(order.totals().grandTotal()).isEqualTo("50.48");
		assertThat(invoices.stream().map(Invoice::totalAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualTo("50.48");
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "50.48", "50.48", "50.48"));
	}

	// --- renewal -------------------------------------------------------------------------------

	@Test
	void authorizationAboutToExpireIsRenewedForWhatIsUncaptured() {
		Order order = submit(TestOrders.valid());
		PaymentAuthorization old = authorizations.authorizeOrder(order.id());
		Invoice first = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 2)));
		clock.advance(Duration.ofDays(6).plusHours(1));

		Optional<PaymentAuthorization> renewed = authorizations.renewIfExpiring(order.id());

		// 39.98 + 7.60 tax + the whole 4.90 shipping with the first invoice; line 2's 5.95 left
		assertThat(first.totalAmount()).isEqualTo("52.48");
		assertThat(renewed).hasValueSatisfying(authorization -> {
			assertThat(authorization.amount()).isEqualTo("5.95");
			assertThat(authorization.status()).isEqualTo(PaymentAuthorization.Status.AUTHORIZED);
			assertThat(authorization.replacesId()).isEqualTo(old.id());
			assertThat(authorization.expiresAt()).isAfter(old.expiresAt());
		});
		assertThat(authorizations.authorizations(order.id())).extracting(PaymentAuthorization::status)
			.containsExactly(PaymentAuthorization.Status.RENEWED, PaymentAuthorization.Status.AUTHORIZED);
		assertThat(authorizations.renewIfExpiring(order.id())).as("the renewal is fresh").isEmpty();
		assertThat(payments.transactions(order.id())).extracting(PaymentTransaction::type)
			.contains(PaymentTransaction.Type.REAUTHORIZATION);
		assertThat(sandboxStatus(old)).isEqualTo("VOIDED");
		assertThat(paymentTimeline(order)).last().asString().contains("renewed");

		clock.advance(Duration.ofDays(3));
		Invoice last = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(2, 1)));

		assertThat(last.totalAmount()).isEqualTo("5.95");
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "58.43", "58.43", "64.38"));
	}

	@Test
	void authorizationNotAboutToExpireIsNotRenewed() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());

		assertThat(authorizations.renewIfExpiring(order.id(), Duration.ofDays(1))).isEmpty();
		verify(gateway, never()).reauthorize(any(), any(), any(), any());
	}

	@Test
	void fullyCapturedAuthorizationIsNotRenewed() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 2), new InvoiceLine(2, 1)));
		clock.advance(Duration.ofDays(6).plusHours(12));

		assertThat(authorizations.renewIfExpiring(order.id(), Duration.ofDays(1))).isEmpty();
		verify(gateway, never()).reauthorize(any(), any(), any(), any());
	}

	@Test
	void expiredAuthorizationCannotBeRenewed() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		clock.advance(Duration.ofDays(8));

		assertThatThrownBy(() -> authorizations.renewIfExpiring(order.id(), Duration.ofDays(1)))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AUTHORIZATION_EXPIRED));
		assertThat(payments.transactions(order.id())).last()
			.satisfies(failed -> assertThat(failed.status()).isEqualTo(PaymentTransaction.Status.FAILED));
	}

	// --- voids ---------------------------------------------------------------------------------

	@Test
	void voidReleasesTheAuthorizationOnce() {
		Order order = submit(TestOrders.valid());
		PaymentAuthorization authorization = authorizations.authorizeOrder(order.id());

		authorizations.voidAuthorization(order.id(), "order canceled by the customer");
		authorizations.voidAuthorization(order.id(), "order canceled by the customer");

		verify(gateway, times(1)).voidAuthorization(anyString(), eq(authorization.gatewayReference()));
		assertThat(authorizations.authorizations(order.id())).singleElement()
			.satisfies(voided -> assertThat(voided.status()).isEqualTo(PaymentAuthorization.Status.VOIDED));
		assertThat(payments.transactions(order.id())).last().satisfies(transaction -> {
			assertThat(transaction.type()).isEqualTo(PaymentTransaction.Type.VOID);
			assertThat(transaction.amount()).isEqualTo("58.43");
			assertThat(transaction.idempotencyKey()).isEqualTo("void:" + authorization.id());
		});
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "0.00", "0.00", "58.43"));
		assertThat(paymentTimeline(order)).last().asString().contains("order canceled by the customer");
		assertThat(sandboxStatus(authorization)).isEqualTo("VOIDED");
		assertThatThrownBy(() -> captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(),
				fulfillmentOrderNumber(), List.of(new InvoiceLine(1, 1))))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void voidAndReductionAtOnceVoidTheAuthorizationOnceAndNeitherFails() throws Exception {
		Order order = submit(TestOrders.valid());
		PaymentAuthorization authorization = authorizations.authorizeOrder(order.id());
		orders.changeQuantities(order.id(), 1, QuantityChange.canceled(2), "test", "canceled");
		orders.changeQuantities(order.id(), 2, QuantityChange.canceled(1), "test", "canceled");
		// the first void at the provider waits until the other call reaches the provider too, or 2 s
		CountDownLatch bothAtTheProvider = new CountDownLatch(2);
		doAnswer(call -> {
			bothAtTheProvider.countDown();
			bothAtTheProvider.await(2, TimeUnit.SECONDS);
			return call.callRealMethod();
		}).when(gateway).voidAuthorization(anyString(), anyString());

		AllAtOnce.run(List.<Callable<Void>>of(() -> {
			authorizations.voidAuthorization(order.id(), "order canceled");
			return null;
		}, () -> {
			authorizations.reduceToOutstanding(order.id(), "cancellation of every unit");
			return null;
		}));

		verify(gateway, times(1)).voidAuthorization(anyString(), eq(authorization.gatewayReference()));
		assertThat(authorizations.authorizations(order.id())).singleElement()
			.satisfies(voided -> assertThat(voided.status()).isEqualTo(PaymentAuthorization.Status.VOIDED));
		assertThat(payments.transactions(order.id()))
			.filteredOn(transaction -> transaction.type() == PaymentTransaction.Type.VOID)
			.singleElement()
			.satisfies(voided -> assertThat(voided.status()).isEqualTo(PaymentTransaction.Status.SUCCEEDED));
	}

	@Test
	void reductionRetriedAfterTheProviderTookItIsAnsweredWithTheFirstResult() {
		// Given an authorized order of 58.43 whose provider reduces the authorization but whose answer is lost once
		Order order = submit(TestOrders.valid());
		PaymentAuthorization authorization = authorizations.authorizeOrder(order.id());
		doAnswer(call -> {
			call.callRealMethod();
			throw new PaymentGatewayUnavailableException("timeout: the answer was lost");
		}).doCallRealMethod().when(gateway).reauthorize(anyString(), anyString(), any(), anyString());
		orders.changeQuantities(order.id(), 2, QuantityChange.canceled(1), "test", "canceled");
		assertThatThrownBy(() -> authorizations.reduceToOutstanding(order.id(), "cancellation of line 2"))
			.isInstanceOf(PaymentGatewayUnavailableException.class);

		// When the job is retried, for the same reduction
		authorizations.reduceToOutstanding(order.id(), "cancellation of line 2");

		// Then the provider is asked again with the same key and answers what it did the first time
		String key = "reduce:" + authorization.id() + ":52.48";
		verify(gateway, times(2)).reauthorize(eq(key), eq(authorization.gatewayReference()), eq(money("52.48")),
				eq("EUR"));
		PaymentAuthorization reduced = authorizations.authorizations(order.id()).get(1);
		assertThat(sandboxAuthorizationsFor(order)).containsExactlyInAnyOrder(authorization.gatewayReference(),
				reduced.gatewayReference());
		assertThat(reduced.amount()).isEqualTo("52.48");
		assertThat(payments.ledger(order.id()).authorized()).isEqualTo("52.48");
	}

	@Test
	void reductionAfterAFailedOneToAnotherAmountIsACallWithAKeyOfItsOwn() {
		// Given an authorized order of 58.43 whose provider does not answer the first reduction (to 52.48)
		Order order = submit(TestOrders.valid());
		PaymentAuthorization authorization = authorizations.authorizeOrder(order.id());
		doThrow(new PaymentGatewayUnavailableException("Transient failure of the payment provider"))
			.doCallRealMethod()
			.when(gateway)
			.reauthorize(anyString(), anyString(), any(), anyString());
		orders.changeQuantities(order.id(), 2, QuantityChange.canceled(1), "test", "canceled");
		assertThatThrownBy(() -> authorizations.reduceToOutstanding(order.id(), "cancellation of line 2"))
			.isInstanceOf(PaymentGatewayUnavailableException.class);

		// When another unit is canceled before the job is retried, so the reduction is now to 28.69
		orders.changeQuantities(order.id(), 1, QuantityChange.canceled(1), "test", "canceled");
		authorizations.reduceToOutstanding(order.id(), "cancellations of line 2 and of a unit of line 1");

		// Then the failed reduction and the one that succeeded are two calls, each with a key naming its amount
		assertThat(payments.transactions(order.id()))
			.filteredOn(t -> t.type() == PaymentTransaction.Type.REAUTHORIZATION)
			.extracting(PaymentTransaction::status, PaymentTransaction::idempotencyKey, PaymentTransaction::amount,
					PaymentTransaction::attempts)
			.containsExactly(
					tuple(PaymentTransaction.Status.FAILED, "reduce:" + authorization.id() + ":52.48", money("52.48"), 1),
					tuple(PaymentTransaction.Status.SUCCEEDED, "reduce:" + authorization.id() + ":28.69",
							money("28.69"), 1));
		assertThat(payments.ledger(order.id()).authorized()).isEqualTo("28.69");
		assertThat(Authorizations.reductionKey(authorization.id(), money("28.69")))
			.isNotEqualTo(Authorizations.reductionKey(authorization.id(), money("52.48")));
	}

	@Test
	void releaseUncapturedVoidsWhatCanceledBackordersLeft() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		orders.changeQuantities(order.id(), 2, QuantityChange.canceled(1), "test", "backorder canceled");
		Invoice invoice = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 2)));

		authorizations.releaseUncaptured(order.id());

		// 39.98 + 7.60 tax + the whole 4.90 shipping: nothing else will ship
		assertThat(invoice.totalAmount()).isEqualTo("52.48");
		assertThat(payments.transactions(order.id())).last().satisfies(transaction -> {
			assertThat(transaction.type()).isEqualTo(PaymentTransaction.Type.VOID);
			assertThat(transaction.amount()).isEqualTo("5.95");
		});
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "52.48", "52.48", "58.43"));
	}

	@Test
	void releaseUncapturedDoesNothingWhenEverythingWasCaptured() {
		Order order = submit(TestOrders.valid());
		authorizations.authorizeOrder(order.id());
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 2), new InvoiceLine(2, 1)));

		authorizations.releaseUncaptured(order.id());

		verify(gateway, never()).voidAuthorization(any(), any());
		assertThat(payments.transactions(order.id())).extracting(PaymentTransaction::type)
			.doesNotContain(PaymentTransaction.Type.VOID);
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "58.43", "58.43", "58.43"));
	}

	@Test
	void whatACancellationWouldReleaseIsWhatTheReductionThenReleases() {
		// Given 22.74 authorized, one unit of line 1 captured with the whole shipping (8.86) and 3.00 off line 2
		// waiting for its capture
		Order order = submit(roundingOrder());
		authorizations.authorizeOrder(order.id());
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 1)));
		String source = "test:" + UUID.randomUUID();
		pendingCredits.schedulePendingCredit(order.id(),
				new PendingCreditRequest(source, "goodwill", 2, money("2.52"), money("0.48")));

		// When the unit of line 2 (5.00 + 0.95 tax) would be canceled
		Authorizations.Release release = authorizations.ifCanceled(order.id(), Map.of(2, 1));

		// Then its value is released of the 13.88 open, and line 2's pending credit lapses; nothing has changed yet
		assertThat(release).isEqualTo(new Authorizations.Release(money("13.88"), money("5.95"), money("3.00"), "EUR"));
		assertThat(release.kept()).isEqualTo(money("7.93"));
		assertThat(payments.ledger(order.id()).authorized()).isEqualTo(money("13.88"));
		assertThat(pendingCredits.pendingCredit(source).orElseThrow().status()).isEqualTo(PendingCredit.Status.PENDING);

		// When it is canceled and the authorization reduced, Then it releases exactly that, and the credit lapses
		orders.changeQuantities(order.id(), 2, QuantityChange.canceled(1), "test", "canceled");
		authorizations.reduceToOutstanding(order.id(), "cancellation of line 2");
		assertThat(payments.ledger(order.id()).authorized()).isEqualTo(release.kept());
		assertThat(pendingCredits.pendingCredit(source).orElseThrow().lapsed()).isEqualTo(release.lapsingCredits());
	}

	@Test
	void whatCancelingEverythingWouldReleaseIsTheWholeAuthorizationAsTheVoidReleasesIt() {
		Order order = submit(roundingOrder());
		authorizations.authorizeOrder(order.id());

		Authorizations.Release release = authorizations.ifCanceled(order.id(), Map.of(1, 3, 2, 1));

		assertThat(release).isEqualTo(new Authorizations.Release(money("22.74"), money("22.74"), money("0.00"), "EUR"));
		assertThat(authorizations.uncaptured(order.id())).isEqualTo(money("22.74"));
		orders.changeQuantities(order.id(), 1, QuantityChange.canceled(3), "test", "canceled");
		orders.changeQuantities(order.id(), 2, QuantityChange.canceled(1), "test", "canceled");
		authorizations.reduceToOutstanding(order.id(), "cancellation of everything");
		assertThat(payments.transactions(order.id())).last().satisfies(transaction -> {
			assertThat(transaction.type()).isEqualTo(PaymentTransaction.Type.VOID);
			assertThat(transaction.amount()).isEqualTo(release.released());
		});
		assertThat(authorizations.uncaptured(order.id())).isEqualTo(money("0.00"));
	}

	// --- what an invoice charges for shipping: all of it with the first invoice ----------------------

	@ParameterizedTest(name = "10 units canceled {0} the shipments")
	@CsvSource({ "before", "between", "after" })
	void shippingIsChargedInFullWhenUnitsAreCanceledBeforeBetweenOrAfterTheShipments(String when) {
		// Given 160 × 1.00 and a mug of 12.00 (+19 %) with 4.95 shipping, in two fulfillment orders of 80 and of
		// 70 and the mug, 10 units waiting (backordered) and then canceled
		Order order = submit(mugOrder());
		authorizations.authorizeOrder(order.id());
		List<InvoiceLine> first = List.of(new InvoiceLine(1, 80));
		List<InvoiceLine> second = List.of(new InvoiceLine(1, 70), new InvoiceLine(2, 1));

		// When the 10 units are canceled before, between or after the two shipments
		if (when.equals("before")) {
			cancelTenUnits(order);
		}
		Invoice one = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(), first);
		if (when.equals("between")) {
			cancelTenUnits(order);
		}
		Invoice two = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(), second);
		if (when.equals("after")) {
			cancelTenUnits(order);
		}
		authorizations.releaseUncaptured(order.id());

		// Then the first invoice took the whole shipping, and the order was charged the same whatever the timing:
		// 150 × 1.00 + 28.50 tax, 12.00 + 2.28 tax, 4.95 shipping
		assertThat(one.shippingAmount()).isEqualTo(money("4.95"));
		assertThat(one.totalAmount()).isEqualTo(money("100.15"));
		assertThat(two.shippingAmount()).isEqualTo(money("0.00"));
		assertThat(two.totalAmount()).isEqualTo(money("97.58"));
		Ledger ledger = payments.ledger(order.id());
		assertThat(List.of(ledger.authorized(), ledger.captured(), ledger.invoiced()))
			.containsExactly(money("0.00"), money("197.73"), money("197.73"));
		assertThat(sandboxCaptured(order)).isEqualByComparingTo("197.73");
	}

	@Test
	void wholeCancellationOvertakenByAShipmentChargesTheShippedUnitsAndTheWholeShipping() {
		// Given the mug order, whose first fulfillment order (80 units) ships while its whole cancellation is on
		// its way: the cancellation then cancels what has not shipped
		Order order = submit(mugOrder());
		authorizations.authorizeOrder(order.id());
		Invoice shipped = captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 80)));

		// When the rest is canceled and the authorization reduced
		orders.changeQuantities(order.id(), 1, QuantityChange.canceled(80), "test", "canceled");
		orders.changeQuantities(order.id(), 2, QuantityChange.canceled(1), "test", "canceled");
		authorizations.reduceToOutstanding(order.id(), "cancellation of the whole order");

		// Then the 80 units with their tax and the whole 4.95 shipping are charged, the rest released
		assertThat(shipped.shippingAmount()).isEqualTo(money("4.95"));
		assertThat(payments.ledger(order.id())).isEqualTo(ledger("0.00", "100.15", "100.15", "209.63"));
		assertThat(authorizations.authorizations(order.id())).extracting(PaymentAuthorization::status)
			.containsExactly(PaymentAuthorization.Status.VOIDED);
	}

	@Test
	void partialCancellationBeforeAnyShipmentChargesTheWholeShippingAndAWholeOneNothing() {
		// Given two mug orders, nothing shipped
		Order partly = submit(mugOrder());
		authorizations.authorizeOrder(partly.id());
		Order wholly = submit(mugOrder());
		authorizations.authorizeOrder(wholly.id());

		// When 150 units of the one are canceled, and everything of the other
		orders.changeQuantities(partly.id(), 1, QuantityChange.canceled(150), "test", "canceled");
		authorizations.reduceToOutstanding(partly.id(), "cancellation of 150 units");
		orders.changeQuantities(wholly.id(), 1, QuantityChange.canceled(160), "test", "canceled");
		orders.changeQuantities(wholly.id(), 2, QuantityChange.canceled(1), "test", "canceled");
		authorizations.reduceToOutstanding(wholly.id(), "cancellation of the whole order");

		// Then the first keeps 10 units, the mug and the whole shipping authorized, and its invoice charges them
		assertThat(payments.ledger(partly.id()).authorized()).isEqualTo(money("31.13"));
		Invoice rest = captures.captureFulfillmentOrder(partly.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 10), new InvoiceLine(2, 1)));
		assertThat(rest.shippingAmount()).isEqualTo(money("4.95"));
		assertThat(rest.totalAmount()).isEqualTo(money("31.13"));
		// and the other is charged nothing, shipping included: its authorization is voided
		assertThat(payments.ledger(wholly.id())).isEqualTo(ledger("0.00", "0.00", "0.00", "209.63"));
	}

	@Test
	void shippingPendingCreditHasNothingLeftToCreditOnceTheFirstInvoiceTookTheShipping() {
		// Given the mug order with 2.00 off shipping pending, and its first fulfillment order shipped
		Order order = submit(mugOrder());
		authorizations.authorizeOrder(order.id());
		String source = "test:" + UUID.randomUUID();
		pendingCredits.schedulePendingCredit(order.id(),
				new PendingCreditRequest(source, "late", null, money("2.00"), money("0.00")));
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 80)));

		// Then the first invoice's shipping took all of it
		assertThat(pendingCredits.pendingCredit(source).orElseThrow().status()).isEqualTo(PendingCredit.Status.APPLIED);
		assertThat(payments.ledger(order.id()).captured()).isEqualTo(money("98.15"));

		// When another 5.00 off shipping comes after it, Then it cannot wait for a later invoice: it lapses at once
		String later = "test:" + UUID.randomUUID();
		pendingCredits.schedulePendingCredit(order.id(),
				new PendingCreditRequest(later, "later", null, money("5.00"), money("0.00")));
		pendingCredits.lapsePendingCredits(order.id(), "nothing is left to invoice");
		assertThat(pendingCredits.pendingCredit(later).orElseThrow().status()).isEqualTo(PendingCredit.Status.LAPSED);
		captures.captureFulfillmentOrder(order.id(), UUID.randomUUID(), fulfillmentOrderNumber(),
				List.of(new InvoiceLine(1, 80), new InvoiceLine(2, 1)));
		assertThat(payments.ledger(order.id()).captured()).isEqualTo(money("207.63"));
	}

	// --- helpers -------------------------------------------------------------------------------

	/** Submits an order the way the REST API does; its lifecycle starts and waits. */
	Order submit(Map<String, Object> order) {
		OrderSubmission submission = json.convertValue(order, OrderSubmission.class);
		Order stored = capture.submit(submission, null, "integrator").order();
		submitted.add(stored.id());
		return stored;
	}

	/** 3 × 3.33 (tax 1.90) and 1 × 5.00 (tax 0.95) at 19 %, 4.90 shipping: 22.74, awkward to split. */
	static Map<String, Object> roundingOrder() {
		Map<String, Object> order = TestOrders.valid();
		line(order, 0).put("quantity", 3);
		line(order, 0).put("unitPrice", "3.33");
		return order;
	}

	/** 160 × 1.00 (tax 30.40) and a mug of 12.00 (tax 2.28) at 19 %, 4.95 shipping: 209.63. */
	static Map<String, Object> mugOrder() {
		Map<String, Object> order = TestOrders.valid();
		line(order, 0).put("quantity", 160);
		line(order, 0).put("unitPrice", "1.00");
		line(order, 1).put("name", "Mug");
		line(order, 1).put("unitPrice", "12.00");
		order.put("shippingCharge", "4.95");
		return order;
	}

	void cancelTenUnits(Order order) {
		orders.changeQuantities(order.id(), 1, QuantityChange.canceled(10), "test", "canceled");
		authorizations.reduceToOutstanding(order.id(), "cancellation of 10 units");
	}

	static Map<String, Object> withToken(Map<String, Object> order, String token) {
		part(order, "payment").put("token", token);
		return order;
	}

	static String fulfillmentOrderNumber() {
		return "FO-" + UUID.randomUUID().toString().substring(0, 13);
	}

	static BigDecimal money(String amount) {
		return new BigDecimal(amount);
	}

	static Ledger ledger(String authorized, String captured, String invoiced, String totalAuthorized) {
		return new Ledger("EUR", money(authorized), money(captured), money("0.00"), money(invoiced), money("0.00"),
				money(totalAuthorized));
	}

	List<String> paymentTimeline(Order order) {
		return orders.timeline(order.id())
			.stream()
			.filter(entry -> entry.type().equals(TimelineType.PAYMENT))
			.map(TimelineEntry::description)
			.toList();
	}

	List<String> sandboxAuthorizationsFor(Order order) {
		return jdbc.sql("select reference from sandbox_gateway_authorization where order_reference = :number")
			.param("number", order.orderNumber())
			.query(String.class)
			.list();
	}

	long sandboxCaptures(Order order) {
		return jdbc.sql("""
				select count(*) from sandbox_gateway_capture c
				join sandbox_gateway_authorization a on a.reference = c.authorization_reference
				where a.order_reference = :number""").param("number", order.orderNumber()).query(Long.class).single();
	}

	BigDecimal sandboxCaptured(Order order) {
		return jdbc.sql("select sum(captured) from sandbox_gateway_authorization where order_reference = :number")
			.param("number", order.orderNumber())
			.query(BigDecimal.class)
			.single();
	}

	String sandboxStatus(PaymentAuthorization authorization) {
		return jdbc.sql("select status from sandbox_gateway_authorization where reference = :ref")
			.param("ref", authorization.gatewayReference())
			.query(String.class)
			.single();
	}

}
