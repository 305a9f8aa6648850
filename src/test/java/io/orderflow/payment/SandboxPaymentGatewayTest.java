package io.orderflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.orderflow.testsupport.TestClock;
import io.orderflow.payment.PaymentDeclinedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox payment provider on a real database (an embedded H2 migrated by Flyway): its test tokens,
 * its idempotency keys and its ledger rules. Every test uses keys of its own.
 */
@JdbcTest
@ActiveProfiles("test")
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(SandboxPaymentGatewayTest.Sandbox.class)
class SandboxPaymentGatewayTest {

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PaymentProperties.class)
	@Import({ SandboxPaymentGateway.class, SandboxGatewayLedger.class, TestClock.Configuration.class })
	static class Sandbox {

	}

	@Autowired
	SandboxPaymentGateway gateway;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	// --- tokens ------------------------------------------------------------------------------

	@ParameterizedTest(name = "{0} is approved")
	@ValueSource(strings = { "tok_approve", "tok_visa", "tok_visa_debit", "tok_mc", "tok_mc_4444" })
	void approvingTokensAreAuthorized(String token) {
		GatewayAuthorization authorization = authorize(token, "58.43");

		assertThat(authorization.reference()).startsWith("sbx_auth_");
		assertThat(authorization.amount()).isEqualTo(eur("58.43"));
		assertThat(authorization.currency()).isEqualTo("EUR");
		assertThat(authorization.expiresAt())
			.isAfter(OffsetDateTime.now(clock).plus(Duration.ofDays(7)).minusMinutes(1));
	}

	@Test
	void authorizationIsKeptInTheDatabase() {
		GatewayAuthorization authorization = authorize("tok_approve", "12.34");

		assertThat(jdbc.sql("select token, amount, status from sandbox_gateway_authorization where reference = :ref")
			.param("ref", authorization.reference())
			.query()
			.singleRow()).containsEntry("TOKEN", "tok_approve")
			.containsEntry("STATUS", "AUTHORIZED")
			.hasEntrySatisfying("AMOUNT", amount -> assertThat((BigDecimal) amount).isEqualByComparingTo("12.34"));
	}

	@Test
	void declineTokenIsDeclined() {
		assertThatThrownBy(() -> authorize("tok_decline", "10.00")).isInstanceOfSatisfying(
				PaymentDeclinedException.class, declined -> assertThat(declined.reason()).isEqualTo(Reason.DECLINED));
	}

	@Test
	void insufficientFundsTokenIsDeclinedForInsufficientFunds() {
		assertThatThrownBy(() -> authorize("tok_insufficient_funds", "10.00"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.INSUFFICIENT_FUNDS));
	}

	@ParameterizedTest(name = "{0} is declined")
	@ValueSource(strings = { "tok_unknown", "tok_transient_x", "tok_approved", "4242424242424242" })
	void unknownTokensAreDeclined(String token) {
		assertThatThrownBy(() -> authorize(token, "10.00")).isInstanceOfSatisfying(PaymentDeclinedException.class,
				declined -> assertThat(declined.reason()).isEqualTo(Reason.DECLINED));
	}

	@Test
	void timeoutTokenAnswersWithATimeout() {
		assertThatThrownBy(() -> authorize("tok_timeout", "10.00"))
			.isInstanceOf(PaymentGatewayUnavailableException.class)
			.hasMessageStartingWith("timeout");
	}

	@Test
	void transientTokenFailsTheFirstAttemptsOfEachKeyThenSucceeds() {
		String key = key("authorize");
		for (int attempt = 1; attempt <= 2; attempt++) {
			assertThatThrownBy(() -> gateway.authorize(key, "tok_transient_2", eur("10.00"), "EUR", "OF-1"))
				.isInstanceOf(PaymentGatewayUnavailableException.class);
		}

		GatewayAuthorization third = gateway.authorize(key, "tok_transient_2", eur("10.00"), "EUR", "OF-1");

		assertThat(third.amount()).isEqualTo(eur("10.00"));
		assertThat(gateway.authorize(key, "tok_transient_2", eur("10.00"), "EUR", "OF-1")).isEqualTo(third);
		assertThatThrownBy(() -> gateway.authorize(key("authorize"), "tok_transient_2", eur("10.00"), "EUR", "OF-1"))
			.as("another key starts counting afresh")
			.isInstanceOf(PaymentGatewayUnavailableException.class);
	}

	@Test
	void attemptsCountEvenWhenTheCallersTransactionRollsBack() {
		String key = key("authorize");
		TransactionTemplate callerTransaction = new TransactionTemplate(transactionManager);

		assertThatThrownBy(() -> callerTransaction.executeWithoutResult(
				tx -> gateway.authorize(key, "tok_transient_1", eur("10.00"), "EUR", "OF-1")))
			.isInstanceOf(PaymentGatewayUnavailableException.class);

		assertThat(gateway.authorize(key, "tok_transient_1", eur("10.00"), "EUR", "OF-1").amount())
			.isEqualTo(eur("10.00"));
	}

	// --- idempotency -------------------------------------------------------------------------

	@Test
	void sameKeyAndParametersTwiceIsOneAuthorization() {
		String key = key("authorize");
		String orderReference = "OF-" + UUID.randomUUID();

		GatewayAuthorization first = gateway.authorize(key, "tok_approve", eur("58.43"), "EUR", orderReference);
		GatewayAuthorization second = gateway.authorize(key, "tok_approve", new BigDecimal("58.430"), "EUR",
				orderReference);

		assertThat(second).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from sandbox_gateway_authorization where order_reference = :ref")
			.param("ref", orderReference)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void sameKeyWithAnotherAmountIsRefused() {
		String key = key("authorize");
		gateway.authorize(key, "tok_approve", eur("58.43"), "EUR", "OF-1");

		assertThatThrownBy(() -> gateway.authorize(key, "tok_approve", eur("58.44"), "EUR", "OF-1"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(key);
	}

	@Test
	void sameKeyForAnotherKindOfCallIsRefused() {
		String key = key("shared");
		GatewayAuthorization authorization = gateway.authorize(key, "tok_approve", eur("20.00"), "EUR", "OF-1");

		assertThatThrownBy(() -> gateway.capture(key, authorization.reference(), eur("20.00"), "EUR", "INV-1"))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void declinedCallLeavesNothingBehindSoItsKeyMayBeTriedAgain() {
		String key = key("authorize");
		assertThatThrownBy(() -> gateway.authorize(key, "tok_decline", eur("10.00"), "EUR", "OF-1"))
			.isInstanceOf(PaymentDeclinedException.class);

		assertThat(gateway.authorize(key, "tok_approve", eur("10.00"), "EUR", "OF-1").amount())
			.isEqualTo(eur("10.00"));
	}

	// --- captures ----------------------------------------------------------------------------

	@Test
	void authorizationIsCapturedInParts() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");

		GatewayCapture first = gateway.capture(key("capture"), authorization.reference(), eur("20.00"), "EUR", "INV-1");
		GatewayCapture second = gateway.capture(key("capture"), authorization.reference(), eur("38.43"), "EUR",
				"INV-2");

		assertThat(first.amount()).isEqualTo(eur("20.00"));
		assertThat(second.amount()).isEqualTo(eur("38.43"));
		assertThat(second.reference()).isNotEqualTo(first.reference());
		assertThat(captured(authorization)).isEqualByComparingTo("58.43");
	}

	@Test
	void captureRetriedWithTheSameKeyCapturesOnce() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");
		String key = key("capture");

		GatewayCapture first = gateway.capture(key, authorization.reference(), eur("20.00"), "EUR", "INV-1");
		GatewayCapture retried = gateway.capture(key, authorization.reference(), eur("20.00"), "EUR", "INV-1");

		assertThat(retried).isEqualTo(first);
		assertThat(captured(authorization)).isEqualByComparingTo("20.00");
	}

	@Test
	void captureBeyondWhatIsLeftUncapturedIsDeclined() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");
		gateway.capture(key("capture"), authorization.reference(), eur("50.00"), "EUR", "INV-1");

		assertThatThrownBy(
				() -> gateway.capture(key("capture"), authorization.reference(), eur("8.44"), "EUR", "INV-2"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AMOUNT_EXCEEDS_AUTHORIZATION));
		assertThat(captured(authorization)).isEqualByComparingTo("50.00");
		assertThat(gateway.capture(key("capture"), authorization.reference(), eur("8.43"), "EUR", "INV-2").amount())
			.isEqualTo(eur("8.43"));
	}

	@Test
	void expiredAuthorizationCannotBeCaptured() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");
		clock.advance(Duration.ofDays(7).plusSeconds(1));

		assertThatThrownBy(
				() -> gateway.capture(key("capture"), authorization.reference(), eur("10.00"), "EUR", "INV-1"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AUTHORIZATION_EXPIRED));
	}

	@Test
	void authorizationCanBeCapturedUntilItExpires() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");
		clock.advance(Duration.ofDays(7).minusMinutes(1));

		assertThat(gateway.capture(key("capture"), authorization.reference(), eur("10.00"), "EUR", "INV-1").amount())
			.isEqualTo(eur("10.00"));
	}

	@Test
	void captureOfAnUnknownAuthorizationIsABug() {
		assertThatThrownBy(() -> gateway.capture(key("capture"), "sbx_auth_nope", eur("10.00"), "EUR", "INV-1"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void captureInAnotherCurrencyOrWithTooManyDecimalsIsABug() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");

		assertThatThrownBy(() -> gateway.capture(key("capture"), authorization.reference(), new BigDecimal("10.00"),
				"USD", "INV-1"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> gateway.capture(key("capture"), authorization.reference(), new BigDecimal("10.001"),
				"EUR", "INV-1"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(
				() -> gateway.capture(key("capture"), authorization.reference(), BigDecimal.ZERO, "EUR", "INV-1"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void transientTokenAlsoFailsTheFirstCaptureAttemptsOfEachKey() {
		GatewayAuthorization authorization = authorizeWithRetries("tok_transient_1", "58.43");
		String key = key("capture");

		assertThatThrownBy(() -> gateway.capture(key, authorization.reference(), eur("10.00"), "EUR", "INV-1"))
			.isInstanceOf(PaymentGatewayUnavailableException.class);
		assertThat(captured(authorization)).isEqualByComparingTo("0");

		assertThat(gateway.capture(key, authorization.reference(), eur("10.00"), "EUR", "INV-1").amount())
			.isEqualTo(eur("10.00"));
		assertThat(captured(authorization)).isEqualByComparingTo("10.00");
	}

	// --- voids -------------------------------------------------------------------------------

	@Test
	void voidReleasesTheRemainderAndEndsCapturing() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");
		gateway.capture(key("capture"), authorization.reference(), eur("20.00"), "EUR", "INV-1");
		String key = key("void");

		gateway.voidAuthorization(key, authorization.reference());
		gateway.voidAuthorization(key, authorization.reference());

		assertThat(status(authorization)).isEqualTo("VOIDED");
		assertThatThrownBy(
				() -> gateway.capture(key("capture"), authorization.reference(), eur("10.00"), "EUR", "INV-2"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AUTHORIZATION_CLOSED));
		assertThatThrownBy(() -> gateway.voidAuthorization(key("void"), authorization.reference()))
			.as("voiding it again under another key")
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AUTHORIZATION_CLOSED));
	}

	// --- refunds -----------------------------------------------------------------------------

	@Test
	void refundsCannotExceedWhatTheCaptureCaptured() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");
		GatewayCapture capture = gateway.capture(key("capture"), authorization.reference(), eur("20.00"), "EUR",
				"INV-1");

		GatewayRefund first = gateway.refund(key("refund"), capture.reference(), eur("15.00"), "EUR");

		assertThat(first.amount()).isEqualTo(eur("15.00"));
		assertThatThrownBy(() -> gateway.refund(key("refund"), capture.reference(), eur("5.01"), "EUR"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AMOUNT_EXCEEDS_CAPTURE));
		assertThat(gateway.refund(key("refund"), capture.reference(), eur("5.00"), "EUR").amount())
			.isEqualTo(eur("5.00"));
	}

	@Test
	void refundRetriedWithTheSameKeyRefundsOnce() {
		GatewayAuthorization authorization = authorize("tok_approve", "58.43");
		GatewayCapture capture = gateway.capture(key("capture"), authorization.reference(), eur("20.00"), "EUR",
				"INV-1");
		String key = key("refund");

		GatewayRefund first = gateway.refund(key, capture.reference(), eur("20.00"), "EUR");
		GatewayRefund retried = gateway.refund(key, capture.reference(), eur("20.00"), "EUR");

		assertThat(retried).isEqualTo(first);
		assertThat(jdbc.sql("select refunded from sandbox_gateway_capture where reference = :ref")
			.param("ref", capture.reference())
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("20.00");
	}

	// --- reauthorization ---------------------------------------------------------------------

	@Test
	void reauthorizationReplacesTheAuthorizationForWhatIsUncaptured() {
		GatewayAuthorization old = authorize("tok_approve", "58.43");
		gateway.capture(key("capture"), old.reference(), eur("20.00"), "EUR", "INV-1");
		clock.advance(Duration.ofDays(6));
		String key = key("reauthorize");

		GatewayAuthorization renewed = gateway.reauthorize(key, old.reference(), eur("38.43"), "EUR");

		assertThat(renewed.reference()).isNotEqualTo(old.reference());
		assertThat(renewed.amount()).isEqualTo(eur("38.43"));
		assertThat(renewed.expiresAt()).isAfter(old.expiresAt());
		assertThat(gateway.reauthorize(key, old.reference(), eur("38.43"), "EUR")).isEqualTo(renewed);
		assertThat(status(old)).isEqualTo("VOIDED");
		assertThatThrownBy(() -> gateway.capture(key("capture"), old.reference(), eur("1.00"), "EUR", "INV-2"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AUTHORIZATION_CLOSED));
		clock.advance(Duration.ofDays(3));
		assertThat(gateway.capture(key("capture"), renewed.reference(), eur("38.43"), "EUR", "INV-2").amount())
			.as("captured after the old authorization would have expired")
			.isEqualTo(eur("38.43"));
	}

	@Test
	void reauthorizationBeyondWhatIsUncapturedIsDeclined() {
		GatewayAuthorization old = authorize("tok_approve", "58.43");
		gateway.capture(key("capture"), old.reference(), eur("20.00"), "EUR", "INV-1");

		assertThatThrownBy(() -> gateway.reauthorize(key("reauthorize"), old.reference(), eur("38.44"), "EUR"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AMOUNT_EXCEEDS_AUTHORIZATION));
		assertThat(status(old)).isEqualTo("AUTHORIZED");
	}

	@Test
	void expiredAuthorizationCannotBeReauthorized() {
		GatewayAuthorization old = authorize("tok_approve", "58.43");
		clock.advance(Duration.ofDays(8));

		assertThatThrownBy(() -> gateway.reauthorize(key("reauthorize"), old.reference(), eur("58.43"), "EUR"))
			.isInstanceOfSatisfying(PaymentDeclinedException.class,
					declined -> assertThat(declined.reason()).isEqualTo(Reason.AUTHORIZATION_EXPIRED));
	}

	@Test
	void currencyWithoutMinorUnitsRefusesDecimals() {
		assertThat(gateway.authorize(key("authorize"), "tok_approve", new BigDecimal("1200"), "JPY", "OF-1").amount())
			.isEqualTo(new BigDecimal("1200"));
		assertThatThrownBy(
				() -> gateway.authorize(key("authorize"), "tok_approve", new BigDecimal("1200.5"), "JPY", "OF-1"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	// --- helpers -----------------------------------------------------------------------------

	private GatewayAuthorization authorize(String token, String amount) {
		return gateway.authorize(key("authorize"), token, eur(amount), "EUR", "OF-" + UUID.randomUUID());
	}

	private GatewayAuthorization authorizeWithRetries(String token, String amount) {
		String key = key("authorize");
		for (int attempt = 0;; attempt++) {
			try {
				return gateway.authorize(key, token, eur(amount), "EUR", "OF-1");
			}
			catch (PaymentGatewayUnavailableException e) {
				assertThat(attempt).isLessThan(10);
			}
		}
	}

	private static String key(String what) {
		return what + ":" + UUID.randomUUID();
	}

	private static BigDecimal eur(String amount) {
		return new BigDecimal(amount);
	}

	private BigDecimal captured(GatewayAuthorization authorization) {
		return jdbc.sql("select captured from sandbox_gateway_authorization where reference = :ref")
			.param("ref", authorization.reference())
			.query(BigDecimal.class)
			.single();
	}

	private String status(GatewayAuthorization authorization) {
		return jdbc.sql("select status from sandbox_gateway_authorization where reference = :ref")
			.param("ref", authorization.reference())
			.query(String.class)
			.single();
	}

}
