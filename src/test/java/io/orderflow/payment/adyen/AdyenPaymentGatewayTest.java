package io.orderflow.payment.adyen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.orderflow.payment.GatewayAuthorization;
import io.orderflow.payment.GatewayCapture;
import io.orderflow.payment.GatewayRefund;
import io.orderflow.payment.PaymentDeclinedException;
import io.orderflow.payment.PaymentDeclinedException.Reason;
import io.orderflow.payment.PaymentGatewayUnavailableException;
import io.orderflow.payment.PaymentRequestRefusedException;
import io.orderflow.platform.NotWorthRetrying;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Adyen gateway against a local stub of Adyen's Checkout API (WireMock): what it sends (amounts in minor units,
 * manual capture, the merchant account, Orderflow's idempotency key as Adyen's), and how it reads each answer:
 * authorized, refused, a partial capture, a refund of one capture, an amount update, a timeout, a server error.
 */
class AdyenPaymentGatewayTest {

	@RegisterExtension
	static final WireMockExtension adyen = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private AdyenPaymentGateway gateway(Duration readTimeout) {
		return new AdyenPaymentGateway(new AdyenProperties("test-api-key", "OrderflowShop", "00", "TEST", null,
				adyen.baseUrl() + "/v71", Duration.ofSeconds(2), readTimeout, Duration.ofDays(28)),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private AdyenPaymentGateway gateway() {
		return gateway(Duration.ofSeconds(5));
	}

	@Test
	void anAuthorizedStoredCardIsAnAuthorizationForManualCaptureWithTheKeyAsAdyensIdempotencyKey() {
		// Given Adyen authorizes
		adyen.stubFor(post(urlEqualTo("/v71/payments"))
			.willReturn(okJson("{\"pspReference\": \"PSP-AUTH-1\", \"resultCode\": \"Authorised\","
					+ " \"amount\": {\"currency\": \"EUR\", \"value\": 5843}, \"merchantReference\": \"OF-100001\"}")));

		// When
		GatewayAuthorization authorization = gateway().authorize("authorize:order-1", "shopper-42:8315917637612345",
				new BigDecimal("58.43"), "EUR", "OF-100001");

		// Then
		assertThat(authorization.reference()).isEqualTo("PSP-AUTH-1");
		assertThat(authorization.amount()).isEqualByComparingTo("58.43");
		assertThat(authorization.expiresAt()).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC).plusDays(28));
		adyen.verify(postRequestedFor(urlEqualTo("/v71/payments"))
			.withHeader("Idempotency-Key", equalTo("authorize:order-1"))
			.withHeader("X-API-Key", equalTo("test-api-key"))
			.withRequestBody(matchingJsonPath("$.amount.value", equalTo("5843")))
			.withRequestBody(matchingJsonPath("$.merchantAccount", equalTo("OrderflowShop")))
			.withRequestBody(matchingJsonPath("$.paymentMethod.storedPaymentMethodId", equalTo("8315917637612345")))
			.withRequestBody(matchingJsonPath("$.shopperReference", equalTo("shopper-42")))
			.withRequestBody(matchingJsonPath("$.shopperInteraction", equalTo("ContAuth")))
			.withRequestBody(matchingJsonPath("$.additionalData.manualCapture", equalTo("true"))));
	}

	@Test
	void aRefusalIsADeclineAndNotEnoughBalanceIsInsufficientFunds() {
		adyen.stubFor(post(urlEqualTo("/v71/payments")).willReturn(okJson(
				"{\"pspReference\": \"PSP-R\", \"resultCode\": \"Refused\", \"refusalReason\": \"Not enough balance\","
						+ " \"refusalReasonCode\": \"12\"}")));

		assertThatThrownBy(() -> gateway().authorize("authorize:order-2", "shopper:card", new BigDecimal("10.00"), "EUR",
				"OF-2"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.INSUFFICIENT_FUNDS))
			.hasMessageContaining("Not enough balance");
	}

	@Test
	void aTokenThatIsNoStoredCardIsDeclinedWithoutCallingAdyen() {
		assertThatThrownBy(() -> gateway().authorize("authorize:order-3", "tok_approve", new BigDecimal("10.00"), "EUR",
				"OF-3"))
			.isInstanceOf(PaymentDeclinedException.class);
		adyen.verify(0, postRequestedFor(urlEqualTo("/v71/payments")));
	}

	@Test
	void aPartialCaptureNamesTheInvoiceAndItsReferenceNamesPaymentAndCapture() {
		// Given Adyen receives the capture
		adyen.stubFor(post(urlEqualTo("/v71/payments/PSP-AUTH-1/captures")).willReturn(okJson(
				"{\"merchantAccount\": \"OrderflowShop\", \"paymentPspReference\": \"PSP-AUTH-1\","
						+ " \"pspReference\": \"PSP-CAP-1\", \"reference\": \"INV-OF-1-1\", \"status\": \"received\","
						+ " \"amount\": {\"currency\": \"EUR\", \"value\": 2379}}")));

		// When
		GatewayCapture capture = gateway().capture("capture:fo-1", "PSP-AUTH-1", new BigDecimal("23.79"), "EUR",
				"INV-OF-1-1");

		// Then
		assertThat(capture.reference()).isEqualTo("PSP-AUTH-1/PSP-CAP-1");
		adyen.verify(postRequestedFor(urlEqualTo("/v71/payments/PSP-AUTH-1/captures"))
			.withHeader("Idempotency-Key", equalTo("capture:fo-1"))
			.withRequestBody(equalToJson("{\"merchantAccount\": \"OrderflowShop\", \"reference\": \"INV-OF-1-1\","
					+ " \"amount\": {\"currency\": \"EUR\", \"value\": 2379}}", true, true)));
	}

	@Test
	void aRefundOfOneCaptureNamesThePaymentAndTheCapture() {
		adyen.stubFor(post(urlEqualTo("/v71/payments/PSP-AUTH-1/refunds")).willReturn(okJson(
				"{\"merchantAccount\": \"OrderflowShop\", \"paymentPspReference\": \"PSP-AUTH-1\","
						+ " \"pspReference\": \"PSP-REF-1\", \"status\": \"received\","
						+ " \"amount\": {\"currency\": \"JPY\", \"value\": 1200}}")));

		GatewayRefund refund = gateway().refund("refund:memo-1", "PSP-AUTH-1/PSP-CAP-1", new BigDecimal("1200"), "JPY");

		assertThat(refund.reference()).isEqualTo("PSP-REF-1");
		adyen.verify(postRequestedFor(urlEqualTo("/v71/payments/PSP-AUTH-1/refunds"))
			.withHeader("Idempotency-Key", equalTo("refund:memo-1"))
			.withRequestBody(matchingJsonPath("$.capturePspReference", equalTo("PSP-CAP-1")))
			.withRequestBody(matchingJsonPath("$.amount.value", equalTo("1200"))));
	}

	@Test
	void aRenewalUpdatesTheAuthorizedAmountAndKeepsTheReference() {
		adyen.stubFor(post(urlEqualTo("/v71/payments/PSP-AUTH-1/amountUpdates")).willReturn(okJson(
				"{\"merchantAccount\": \"OrderflowShop\", \"paymentPspReference\": \"PSP-AUTH-1\","
						+ " \"pspReference\": \"PSP-UPD-1\", \"reference\": \"r\", \"status\": \"received\","
						+ " \"amount\": {\"currency\": \"EUR\", \"value\": 3464}}")));

		GatewayAuthorization renewed = gateway().reauthorize("reauthorize:a-1", "PSP-AUTH-1", new BigDecimal("34.64"), "EUR");

		assertThat(renewed.reference()).isEqualTo("PSP-AUTH-1");
		assertThat(renewed.amount()).isEqualByComparingTo("34.64");
	}

	@Test
	void aTimeoutIsUnavailableAndTheRetryCarriesTheSameKey() {
		// Given Adyen answers the first capture too late, the second at once
		adyen.stubFor(post(urlEqualTo("/v71/payments/PSP-AUTH-2/captures")).inScenario("slow")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(okJson("{\"pspReference\": \"PSP-CAP-2\", \"status\": \"received\"}").withFixedDelay(1500))
			.willSetStateTo("answered"));
		adyen.stubFor(post(urlEqualTo("/v71/payments/PSP-AUTH-2/captures")).inScenario("slow")
			.whenScenarioStateIs("answered")
			.willReturn(okJson("{\"pspReference\": \"PSP-CAP-2\", \"status\": \"received\"}")));
		AdyenPaymentGateway gateway = gateway(Duration.ofMillis(500));

		// When the first call times out and the job tries again
		assertThatThrownBy(() -> gateway.capture("capture:fo-2", "PSP-AUTH-2", new BigDecimal("5.00"), "EUR", "INV-2"))
			.isInstanceOf(PaymentGatewayUnavailableException.class);
		GatewayCapture capture = gateway.capture("capture:fo-2", "PSP-AUTH-2", new BigDecimal("5.00"), "EUR", "INV-2");

		// Then both carried the same key, so that Adyen captured once
		assertThat(capture.reference()).isEqualTo("PSP-AUTH-2/PSP-CAP-2");
		adyen.verify(2, postRequestedFor(urlEqualTo("/v71/payments/PSP-AUTH-2/captures"))
			.withHeader("Idempotency-Key", equalTo("capture:fo-2")));
	}

	@Test
	void aServerErrorIsUnavailableAndAnInvalidRequestIsNot() {
		adyen.stubFor(post(urlEqualTo("/v71/payments/PSP-5XX/cancels")).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\": 503, \"errorCode\": \"000\", \"message\": \"Service unavailable\", \"errorType\": \"internal\"}")));
		adyen.stubFor(post(urlEqualTo("/v71/payments/PSP-422/cancels")).willReturn(aResponse().withStatus(422)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\": 422, \"errorCode\": \"167\", \"message\": \"Original pspReference required for this operation\","
					+ " \"errorType\": \"validation\"}")));

		assertThatThrownBy(() -> gateway().voidAuthorization("void:1", "PSP-5XX"))
			.isInstanceOf(PaymentGatewayUnavailableException.class)
			.hasMessageContaining("503");
		assertThatThrownBy(() -> gateway().voidAuthorization("void:2", "PSP-422"))
			.isInstanceOf(PaymentRequestRefusedException.class)
			.isInstanceOf(NotWorthRetrying.class)
			.hasMessageContaining("422");
	}

	@Test
	void aKeyLongerThanAdyenTakesGoesAsItsHashTheSameEachTime() {
		String refund = "refund:0d7e8c2a-5b1f-4a8e-9c3d-2f6e7a8b9c0d:AUTH123456789012/CAP123456789012";

		assertThat(AdyenPaymentGateway.adyenKey("capture:fo-1")).isEqualTo("capture:fo-1");
		assertThat(AdyenPaymentGateway.adyenKey(refund)).hasSize(64)
			.isEqualTo(AdyenPaymentGateway.adyenKey(refund))
			.isNotEqualTo(AdyenPaymentGateway.adyenKey(refund.replace("CAP1", "CAP2")));
	}

	@Test
	void amountsGoInMinorUnitsAndMoreDecimalsThanTheCurrencyHasAreRefused() {
		assertThat(AdyenPaymentGateway.amount(new BigDecimal("12.5"), "EUR").getValue()).isEqualTo(1250L);
		assertThat(AdyenPaymentGateway.amount(new BigDecimal("1200"), "JPY").getValue()).isEqualTo(1200L);
		assertThatThrownBy(() -> AdyenPaymentGateway.amount(new BigDecimal("12.505"), "EUR"))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
