package io.orderflow.payment.adyen;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.orderflow.testsupport.TestOrders.orderLine;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.adyen.model.notification.Amount;
import com.adyen.model.notification.NotificationRequestItem;
import com.adyen.util.HMACValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.orderflow.OrderProcess;
import io.orderflow.PaymentRefusalProcess;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.payment.PaymentTransaction;
import io.orderflow.returns.ReturnEventRequest;
import io.orderflow.returns.ReturnEvents;
import io.orderflow.returns.ReturnOrder;
import io.orderflow.returns.ReturnRequest;
import io.orderflow.returns.ReturnStatus;
import io.orderflow.returns.Returns;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lifecycle through the Adyen gateway, against a local stub of Adyen's Checkout API: Given an order paid with a
 * card stored at Adyen, When it is authorized and captured per shipment, Then Adyen got each call once with its key,
 * and the captures are pending until Adyen's signed notification confirms them; a refused capture or refund becomes a
 * task for a supervisor and a timeline entry, once however often Adyen tells it; a notification that comes before
 * Orderflow recorded its call is matched later; a bad signature is refused and changes nothing.
 */
abstract class AdyenLifecycleTest extends ServiceScenario {

	static final String HMAC_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

	@RegisterExtension
	static final WireMockExtension adyen = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().templatingEnabled(true))
		.build();

	@DynamicPropertySource
	static void adyen(DynamicPropertyRegistry registry) {
		registry.add("orderflow.payment.gateway", () -> "adyen");
		registry.add("orderflow.payment.adyen.api-key", () -> "test-api-key");
		registry.add("orderflow.payment.adyen.merchant-account", () -> "OrderflowShop");
		registry.add("orderflow.payment.adyen.hmac-key", () -> HMAC_KEY);
		registry.add("orderflow.payment.adyen.checkout-url", () -> adyen.baseUrl() + "/v71");
	}

	@Autowired
	AdyenNotifications notifications;

	@Autowired
	Returns returns;

	@Autowired
	ReturnEvents returnEvents;

	@LocalServerPort
	int port;

	AdyenLifecycleTest() {
		super("ADY", "Adyen", "adyen");
	}

	private void adyenAnswers() {
		adyen.stubFor(post(urlEqualTo("/v71/payments")).willReturn(okJson(
				"{\"pspReference\": \"AUTH{{randomValue length=12 type='NUMERIC'}}\", \"resultCode\": \"Authorised\"}")
			.withTransformers("response-template")));
		adyen.stubFor(post(urlMatching("/v71/payments/[A-Z0-9]+/captures")).willReturn(okJson(
				"{\"pspReference\": \"CAP{{randomValue length=12 type='NUMERIC'}}\", \"status\": \"received\"}")
			.withTransformers("response-template")));
	}

	/** An order paid with a stored card, released, and its one fulfillment order shipped (and so captured). */
	private Order shippedThroughAdyen(String name) throws Exception {
		adyenAnswers();
		String sku = sku(name);
		stock(location(name), sku, 5);
		Map<String, Object> order = orderOf(orderLine(sku, 2, "10.00"));
		TestOrders.part(order, "payment").put("token", "shopper-" + run + ":8315917637612345");
		Order submitted = submitOrder(order);
		io.orderflow.testsupport.Jobs.runDue(engine);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(submitted.id())) {
			ship(fo);
		}
		return orders.find(submitted.id()).orElseThrow();
	}

	private void adyenRefunds() {
		adyen.stubFor(post(urlMatching("/v71/payments/[A-Z0-9]+/refunds")).willReturn(okJson(
				"{\"pspReference\": \"REF{{randomValue length=12 type='NUMERIC'}}\", \"status\": \"received\"}")
			.withTransformers("response-template")));
	}

	private void approveReturn(Order order) {
		Task review = engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(OrderProcess.ReturnProcess.Elements.USER_TASK_REVIEW_RETURN)
			.singleResult();
		engine.getIdentityService().setAuthentication("agent", List.of(OrderProcess.Groups.SERVICE_AGENTS));
		try {
			engine.getTaskService().complete(review.getId(), Map.of("returnDecision", "APPROVE"));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	private List<PaymentTransaction> succeeded(Order order, PaymentTransaction.Type type) {
		return payments.transactions(order.id())
			.stream()
			.filter(t -> t.type() == type && t.status() == PaymentTransaction.Status.SUCCEEDED)
			.toList();
	}

	private PaymentTransaction capture(Order order) {
		return payments.transactions(order.id())
			.stream()
			.filter(t -> t.type() == PaymentTransaction.Type.CAPTURE && t.status() == PaymentTransaction.Status.SUCCEEDED)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aCaptureIsPendingUntilAdyenConfirmsIt() throws Exception {
		// Given an order captured through Adyen at shipment
		Order order = shippedThroughAdyen("OK");
		PaymentTransaction capture = capture(order);
		assertThat(capture.amount()).isEqualByComparingTo("23.80");
		adyen.verify(postRequestedFor(urlEqualTo("/v71/payments/" + capture.gatewayReference().split("/")[0] + "/captures"))
			.withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo(capture.idempotencyKey())));
		assertThat(notifications.of(order.id(), "EUR").capturesAwaited()).isEqualByComparingTo("23.80");
		assertThat(ApiClient.on(port).as("integrator").get("/api/orders/" + order.id() + "/payments").json()
			.path("provider").path("capturesAwaited").asText()).isEqualTo("23.80");

		// When Adyen confirms it, twice
		String body = notification("CAPTURE", true, capture, "");
		assertThat(deliver(body).status()).isEqualTo(200);
		assertThat(deliver(body).body()).isEqualTo("[accepted]");

		// Then nothing is pending, and nothing to settle
		assertThat(notifications.of(order.id(), "EUR").capturesAwaited()).isEqualByComparingTo("0.00");
		assertThat(refusalTasks(order)).isEmpty();
	}

	@Test
	void aCaptureAdyenRefusedIsATaskForASupervisorOnceAndOnTheTimeline() throws Exception {
		// Given a shipped order whose capture Adyen received
		Order order = shippedThroughAdyen("NO");
		PaymentTransaction capture = capture(order);

		// When Adyen tells it refused the capture, twice
		String body = notification("CAPTURE_FAILED", true, capture, "Insufficient balance on payment");
		deliver(body);
		deliver(body);

		// Then one task for a supervisor, with Adyen's reason and the order on its form, and a timeline entry
		Task task = refusalTasks(order).get(0);
		assertThat(refusalTasks(order)).hasSize(1);
		assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
			.anyMatch(link -> OrderProcess.Groups.SUPERVISORS.equals(link.getGroupId()));
		assertThat(engine.getTaskService().getVariables(task.getId())).containsKeys("orderNumber", "orderMoney")
			.extractingByKey(PaymentRefusalProcess.Variables.REFUSED_PAYMENT, as(STRING))
			.contains("capture " + capture.gatewayReference().split("/")[1], "of 23.80 EUR", "Insufficient balance on payment");
		assertThat(orders.timeline(order.id())).extracting(entry -> entry.description())
			.filteredOn(text -> text.startsWith("Adyen refused the capture"))
			.hasSize(1);
		assertThat(notifications.of(order.id(), "EUR").capturesRefused()).isEqualByComparingTo("23.80");

		// And when a supervisor writes it off, that is on the timeline with their user id, and the task is done
		settle(task, "WRITTEN_OFF", "customer's card closed; agreed to keep the goods as a gift");
		assertThat(refusalTasks(order)).isEmpty();
		assertThat(orders.timeline(order.id())).anyMatch(entry -> entry.actor().equals("supervisor")
				&& entry.description().contains("WRITTEN_OFF") && entry.description().contains("agreed to keep"));
	}

	@Test
	void aNotificationBeforeOrderflowRecordedItsCallIsMatchedLater() throws Exception {
		// Given Adyen's notification of a capture Orderflow has not recorded (the psp is unknown so far)
		Order order = shippedThroughAdyen("EARLY");
		PaymentTransaction capture = capture(order);
		String unknown = "CAP999" + run.replaceAll("[^0-9]", "0");
		NotificationRequestItem early = item("CAPTURE_FAILED", true, capture.gatewayReference().split("/")[0], unknown,
				"Refused", 2380L);
		deliver(body(early));
		assertThat(refusalTasks(order)).isEmpty();

		// When the call is recorded with that reference, and the next round matches
		jdbc.sql("update payment_transaction set gateway_reference = :ref where id = :id")
			.param("ref", capture.gatewayReference().split("/")[0] + "/" + unknown)
			.param("id", capture.id())
			.update();
		notifications.matchLeftOvers();

		// Then it is acted on
		assertThat(refusalTasks(order)).hasSize(1);
	}

	@Test
	void aRefundOfOneCaptureThatAdyenRefusedIsATaskAndCountedAsRefused() throws Exception {
		// Given a shipped order, captured, and a goodwill refund of 10.00 through Adyen
		Order order = shippedThroughAdyen("REF");
		PaymentTransaction capture = capture(order);
		String[] references = capture.gatewayReference().split("/");
		adyen.stubFor(post(urlEqualTo("/v71/payments/" + references[0] + "/refunds")).willReturn(okJson(
				"{\"pspReference\": \"REF{{randomValue length=12 type='NUMERIC'}}\", \"status\": \"received\"}")
			.withTransformers("response-template")));
		refunds.creditAndRefund(order.id(), new CreditMemoRequest("test:goodwill-" + run, "Goodwill",
				List.of(new CreditMemoItem(1, 0, new BigDecimal("10.00"), BigDecimal.ZERO)), null, null));
		PaymentTransaction refund = payments.transactions(order.id())
			.stream()
			.filter(t -> t.type() == PaymentTransaction.Type.REFUND && t.status() == PaymentTransaction.Status.SUCCEEDED)
			.findFirst()
			.orElseThrow();
		adyen.verify(postRequestedFor(urlEqualTo("/v71/payments/" + references[0] + "/refunds"))
			.withHeader("Idempotency-Key", matching("[0-9a-f]{64}"))
			.withRequestBody(matchingJsonPath("$.capturePspReference",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(references[1]))));
		assertThat(notifications.of(order.id(), "EUR").refundsAwaited()).isEqualByComparingTo("10.00");

		// When Adyen tells it refused the refund
		NotificationRequestItem refused = item("REFUND_FAILED", true, references[0], refund.gatewayReference(),
				"Refund not possible", 1000L);
		deliver(body(refused));

		// Then a task for a supervisor, and the refund counted as refused
		assertThat(refusalTasks(order)).singleElement()
			.satisfies(task -> assertThat(engine.getTaskService().getVariable(task.getId(),
					PaymentRefusalProcess.Variables.REFUSED_PAYMENT)).asString().startsWith("Adyen refused the refund"));
		assertThat(notifications.of(order.id(), "EUR").refundsRefused()).isEqualByComparingTo("10.00");
	}

	@Test
	void aReturnOfAnOrderShippedFromTwoLocationsIsRefundedAgainstItsCapturesAndConfirmedLateAndOutOfOrder() throws Exception {
		// Given an order of A from Berlin and B from Hamburg, each shipped (a capture each) and delivered
		adyenAnswers();
		adyenRefunds();
		String a = sku("RA");
		String b = sku("RB");
		stock(location("RBER"), a, 5);
		stock(location("RHAM"), b, 5);
		Map<String, Object> input = orderOf(orderLine(a, 1, "10.00"), orderLine(b, 2, "25.00"));
		TestOrders.part(input, "payment").put("token", "shopper-" + run + ":8315917637612345");
		Order order = submitOrder(input);
		io.orderflow.testsupport.Jobs.runDue(engine);
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(order.id())) {
			shipAndDeliver(fo);
		}
		List<PaymentTransaction> captures = succeeded(order, PaymentTransaction.Type.CAPTURE);
		assertThat(captures).hasSize(2);
		assertThat(payments.ledger(order.id()).captured()).isEqualByComparingTo("71.40");
		assertThat(notifications.of(order.id(), "EUR").capturesAwaited()).isEqualByComparingTo("71.40");
		assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(io.orderflow.order.OrderStatus.DELIVERED);

		// When the customer returns all of it, the agent approves and the goods arrive resellable
		ReturnOrder requested = returns.request(order.id(), new ReturnRequest(List.of(new ReturnRequest.Line(1, 1,
				"DEFECTIVE"), new ReturnRequest.Line(2, 2, "DEFECTIVE")), null), null, "integrator").resource();
		io.orderflow.testsupport.Jobs.runDue(engine);
		approveReturn(order);
		returnEvents.receive(requested.id(), new ReturnEventRequest("ret-" + run, "RETURN_RECEIVED", null,
				List.of(new ReturnEventRequest.Line(1, 1, 1, 0), new ReturnEventRequest.Line(2, 2, 2, 0))));
		io.orderflow.testsupport.Jobs.runDue(engine);

		// Then the whole amount is refunded through Adyen, each refund against one of the order's captures, with
		// Orderflow's key
		ReturnOrder done = returns.find(requested.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(ReturnStatus.REFUNDED);
		assertThat(done.refundAmount()).isEqualByComparingTo("71.40");
		List<PaymentTransaction> refunds = succeeded(order, PaymentTransaction.Type.REFUND);
		assertThat(refunds).isNotEmpty();
		assertThat(refunds.stream().map(PaymentTransaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualByComparingTo("71.40");
		List<String> capturePsps = captures.stream().map(c -> c.gatewayReference().split("/")[1]).toList();
		var refundCalls = adyen.findAll(postRequestedFor(urlMatching("/v71/payments/[A-Z0-9]+/refunds")));
		assertThat(refundCalls).hasSize(refunds.size()).allSatisfy(call -> {
			assertThat(capturePsps).contains(new ObjectMapper().readTree(call.getBodyAsString())
				.path("capturePspReference")
				.asText());
			assertThat(call.getHeader("Idempotency-Key")).isNotBlank();
		});
		assertThat(notifications.of(order.id(), "EUR").refundsAwaited()).isEqualByComparingTo("71.40");

		// And when Adyen confirms, late and out of order: the refunds first, then the captures they were made against
		for (PaymentTransaction refund : refunds) {
			deliver(body(item("REFUND", true, captures.get(0).gatewayReference().split("/")[0], refund.gatewayReference(),
					"", refund.amount().movePointRight(2).longValueExact())));
		}
		assertThat(notifications.of(order.id(), "EUR").capturesAwaited()).isEqualByComparingTo("71.40");
		for (int i = captures.size() - 1; i >= 0; i--) {
			deliver(notification("CAPTURE", true, captures.get(i), ""));
		}

		// Then nothing is awaited, nothing refused, and the ledger reconciles
		assertThat(notifications.of(order.id(), "EUR"))
			.isEqualTo(new io.orderflow.payment.ProviderConfirmations.Awaited(new BigDecimal("0.00"),
					new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00")));
		assertThat(payments.ledger(order.id()).refunded()).isEqualByComparingTo("71.40");
		assertThat(payments.ledger(order.id()).reconciles()).isTrue();
		assertThat(refusalTasks(order)).isEmpty();
	}

	@Test
	void aReturnRefundAdyenRefusesAfterTheLifecycleEndedIsATaskASupervisorSettles() throws Exception {
		// Given a delivered order (its lifecycle has ended) and its return, refunded through Adyen
		adyenRefunds();
		Order order = shippedThroughAdyen("RR");
		for (FulfillmentOrder fo : fulfillmentOrders.ofOrder(order.id())) {
			deliver(fo);
		}
		assertThat(engine.getRuntimeService().createProcessInstanceQuery()
			.processInstanceId(order.processInstanceId()).count()).isZero();
		ReturnOrder requested = returns.request(order.id(),
				new ReturnRequest(List.of(new ReturnRequest.Line(1, 1, "DEFECTIVE")), null), null, "integrator")
			.resource();
		io.orderflow.testsupport.Jobs.runDue(engine);
		approveReturn(order);
		returnEvents.receive(requested.id(), new ReturnEventRequest("ret-" + run, "RETURN_RECEIVED", null,
				List.of(new ReturnEventRequest.Line(1, 1, 1, 0))));
		io.orderflow.testsupport.Jobs.runDue(engine);
		assertThat(returns.find(requested.id()).orElseThrow().status()).isEqualTo(ReturnStatus.REFUNDED);
		PaymentTransaction refund = succeeded(order, PaymentTransaction.Type.REFUND).get(0);
		assertThat(refund.amount()).isEqualByComparingTo("11.90");

		// When Adyen refuses the refund, twice
		String refused = body(item("REFUND_FAILED", true, capture(order).gatewayReference().split("/")[0],
				refund.gatewayReference(), "Refund period expired", 1190L));
		deliver(refused);
		deliver(refused);

		// Then one task for a supervisor, the refusal on the timeline, the amount counted as refused
		assertThat(refusalTasks(order)).hasSize(1);
		assertThat(orders.timeline(order.id())).filteredOn(entry -> entry.description().startsWith("Adyen refused the refund"))
			.singleElement()
			.satisfies(entry -> assertThat(entry.description()).contains("11.90 EUR", "Refund period expired"));
		assertThat(notifications.of(order.id(), "EUR").refundsRefused()).isEqualByComparingTo("11.90");

		// And when the supervisor settles it by bank transfer, that is on the timeline and the task is done
		settle(refusalTasks(order).get(0), "SETTLED", "refunded by bank transfer");
		assertThat(refusalTasks(order)).isEmpty();
		assertThat(orders.timeline(order.id())).anyMatch(entry -> entry.actor().equals("supervisor")
				&& entry.description().contains("SETTLED (refunded by bank transfer)"));
	}

	@Test
	void aBadSignatureIsRefusedAndChangesNothing() throws Exception {
		Order order = shippedThroughAdyen("SIG");
		PaymentTransaction capture = capture(order);
		String body = notification("CAPTURE_FAILED", true, capture, "forged").replaceFirst("\"hmacSignature\" ?: ?\"[^\"]+\"",
				"\"hmacSignature\": \"AAAA\"");

		Response response = deliver(body);

		assertThat(response.status()).isEqualTo(401);
		assertThat(refusalTasks(order)).isEmpty();
		assertThat(jdbc.sql("select count(*) from adyen_notification where psp_reference = :psp")
			.param("psp", capture.gatewayReference().split("/")[1])
			.query(Long.class)
			.single()).isZero();
	}

	/** The open "Settle refused payment" tasks of the order. */
	private List<Task> refusalTasks(Order order) {
		return engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(order.orderNumber())
			.taskDefinitionKey(PaymentRefusalProcess.Elements.USER_TASK_SETTLE_REFUSED_PAYMENT)
			.list();
	}

	private void settle(Task task, String decision, String note) {
		engine.getIdentityService().setAuthentication("supervisor", List.of(OrderProcess.Groups.SUPERVISORS));
		try {
			engine.getTaskService().complete(task.getId(),
					Map.of(PaymentRefusalProcess.Variables.REFUSAL_DECISION, decision, "decisionNote", note));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	private Response deliver(String body) {
		return ApiClient.on(port).post("/api/payments/adyen/notifications", body);
	}

	private String notification(String eventCode, boolean success, PaymentTransaction capture, String reason)
			throws Exception {
		String[] references = capture.gatewayReference().split("/");
		return body(item(eventCode, success, references[0], references[1], reason,
				capture.amount().movePointRight(2).longValueExact()));
	}

	private static NotificationRequestItem item(String eventCode, boolean success, String original, String psp,
			String reason, long minorUnits) throws Exception {
		NotificationRequestItem item = new NotificationRequestItem();
		item.setEventCode(eventCode);
		item.setSuccess(success);
		item.setOriginalReference(original);
		item.setPspReference(psp);
		item.setMerchantAccountCode("OrderflowShop");
		item.setMerchantReference("INV-TEST");
		item.setReason(reason);
		Amount amount = new Amount();
		amount.setCurrency("EUR");
		amount.setValue(minorUnits);
		item.setAmount(amount);
		item.setAdditionalData(new java.util.HashMap<>(Map.of("hmacSignature", new HMACValidator().calculateHMAC(item,
				HMAC_KEY))));
		return item;
	}

	private static String body(NotificationRequestItem item) throws Exception {
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		fields.put("additionalData", item.getAdditionalData());
		fields.put("amount", Map.of("currency", item.getAmount().getCurrency(), "value", item.getAmount().getValue()));
		fields.put("eventCode", item.getEventCode());
		fields.put("eventDate", "2026-12-05T10:00:00+01:00");
		fields.put("merchantAccountCode", item.getMerchantAccountCode());
		fields.put("merchantReference", item.getMerchantReference());
		fields.put("originalReference", item.getOriginalReference());
		fields.put("pspReference", item.getPspReference());
		fields.put("reason", item.getReason());
		fields.put("success", Boolean.toString(item.isSuccess()));
		return new ObjectMapper().writerWithDefaultPrettyPrinter()
			.writeValueAsString(Map.of("live", "false", "notificationItems", List.of(Map.of("NotificationRequestItem", fields))));
	}

}
