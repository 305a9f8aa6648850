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
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.adyen.model.notification.Amount;
import com.adyen.model.notification.NotificationRequestItem;
import com.adyen.util.HMACValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.order.Order;
import io.orderflow.payment.CreditMemoItem;
import io.orderflow.payment.CreditMemoRequest;
import io.orderflow.payment.PaymentTransaction;
import io.orderflow.service.ServiceScenario;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lifecycle through the Adyen gateway, against a local stub of Adyen's Checkout API: Given an order paid with a
 * card stored at Adyen, When it is authorized and captured per shipment, Then Adyen got each call once with its key,
 * and the captures are pending until Adyen's signed notification confirms them; a refused capture becomes an incident
 * on the order's lifecycle and a timeline entry, once however often Adyen tells it; a notification that comes before
 * Orderflow recorded its call is matched later; a bad signature is refused and changes nothing.
 */
class AdyenLifecycleTest extends ServiceScenario {

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

		// Then nothing is pending, and no incident
		assertThat(notifications.of(order.id(), "EUR").capturesAwaited()).isEqualByComparingTo("0.00");
		assertThat(incidents(order)).isEmpty();
	}

	@Test
	void aCaptureAdyenRefusedIsAnIncidentOnTheLifecycleOnceAndOnTheTimeline() throws Exception {
		// Given a shipped order whose capture Adyen received
		Order order = shippedThroughAdyen("NO");
		PaymentTransaction capture = capture(order);

		// When Adyen tells it refused the capture, twice
		String body = notification("CAPTURE_FAILED", true, capture, "Insufficient balance on payment");
		deliver(body);
		deliver(body);

		// Then one incident on the order's lifecycle, with Adyen's reason, and a timeline entry
		assertThat(incidents(order)).singleElement()
			.satisfies(incident -> assertThat(incident.getIncidentType()).isEqualTo(AdyenNotifications.INCIDENT_TYPE))
			.satisfies(incident -> assertThat(incident.getIncidentMessage()).contains("Insufficient balance on payment"));
		assertThat(orders.timeline(order.id())).extracting(entry -> entry.description())
			.filteredOn(text -> text.startsWith("Adyen refused the capture"))
			.hasSize(1);
		assertThat(notifications.of(order.id(), "EUR").capturesRefused()).isEqualByComparingTo("23.80");
		// the incident stands for a refusal that an operator settles: resolved by hand, it is gone
		engine.getRuntimeService().resolveIncident(incidents(order).get(0).getId());
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
		assertThat(incidents(order)).isEmpty();

		// When the call is recorded with that reference, and the next round matches
		jdbc.sql("update payment_transaction set gateway_reference = :ref where id = :id")
			.param("ref", capture.gatewayReference().split("/")[0] + "/" + unknown)
			.param("id", capture.id())
			.update();
		notifications.matchLeftOvers();

		// Then it is acted on
		assertThat(incidents(order)).hasSize(1);
		engine.getRuntimeService().resolveIncident(incidents(order).get(0).getId());
	}

	@Test
	void aRefundOfOneCaptureThatAdyenRefusedIsAnIncidentAndCountedAsRefused() throws Exception {
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

		// Then an incident on the lifecycle, and the refund counted as refused
		assertThat(incidents(order)).singleElement()
			.satisfies(incident -> assertThat(incident.getIncidentMessage()).startsWith("Adyen refused the refund"));
		assertThat(notifications.of(order.id(), "EUR").refundsRefused()).isEqualByComparingTo("10.00");
		engine.getRuntimeService().resolveIncident(incidents(order).get(0).getId());
	}

	@Test
	void aBadSignatureIsRefusedAndChangesNothing() throws Exception {
		Order order = shippedThroughAdyen("SIG");
		PaymentTransaction capture = capture(order);
		String body = notification("CAPTURE_FAILED", true, capture, "forged").replaceFirst("\"hmacSignature\" ?: ?\"[^\"]+\"",
				"\"hmacSignature\": \"AAAA\"");

		Response response = deliver(body);

		assertThat(response.status()).isEqualTo(401);
		assertThat(incidents(order)).isEmpty();
		assertThat(jdbc.sql("select count(*) from adyen_notification where psp_reference = :psp")
			.param("psp", capture.gatewayReference().split("/")[1])
			.query(Long.class)
			.single()).isZero();
	}

	private List<Incident> incidents(Order order) {
		String processInstanceId = orders.find(order.id()).orElseThrow().processInstanceId();
		return engine.getRuntimeService().createIncidentQuery().processInstanceId(processInstanceId).list();
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
