package io.orderflow.payment.adyen;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.HexFormat;
import java.util.Map;

import com.adyen.Client;
import com.adyen.Config;
import com.adyen.enums.Environment;
import com.adyen.model.RequestOptions;
import com.adyen.model.checkout.Amount;
import com.adyen.model.checkout.CardDetails;
import com.adyen.model.checkout.CheckoutPaymentMethod;
import com.adyen.model.checkout.PaymentAmountUpdateRequest;
import com.adyen.model.checkout.PaymentAmountUpdateResponse;
import com.adyen.model.checkout.PaymentCancelRequest;
import com.adyen.model.checkout.PaymentCaptureRequest;
import com.adyen.model.checkout.PaymentCaptureResponse;
import com.adyen.model.checkout.PaymentRefundRequest;
import com.adyen.model.checkout.PaymentRefundResponse;
import com.adyen.model.checkout.PaymentRequest;
import com.adyen.model.checkout.PaymentResponse;
import com.adyen.service.checkout.ModificationsApi;
import com.adyen.service.checkout.PaymentsApi;
import com.adyen.service.exception.ApiException;
import io.orderflow.payment.GatewayAuthorization;
import io.orderflow.payment.GatewayCapture;
import io.orderflow.payment.GatewayRefund;
import io.orderflow.payment.PaymentDeclinedException;
import io.orderflow.payment.PaymentDeclinedException.Reason;
import io.orderflow.payment.PaymentGateway;
import io.orderflow.payment.PaymentGatewayUnavailableException;
import io.orderflow.payment.PaymentRequestRefusedException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@link PaymentGateway} of Adyen's Checkout API, through Adyen's own Java library
 * ({@code orderflow.payment.gateway=adyen}). Every call carries Orderflow's idempotency key as Adyen's
 * {@code Idempotency-Key}, so that Adyen answers a retried call with its first result.
 * <ul>
 * <li>The token of an order is a card stored at Adyen: {@code <shopperReference>:<storedPaymentMethodId>}; it is
 * authorized for a merchant-initiated payment with manual capture.</li>
 * <li>A capture draws on the authorization ({@code /payments/{psp}/captures}); its reference is
 * {@code <payment psp>/<capture psp>}, so that a refund of it names both ({@code /payments/{psp}/refunds} with
 * {@code capturePspReference}).</li>
 * <li>A renewal or reduction updates the authorized amount ({@code /amountUpdates}): the reference stays.</li>
 * <li>Adyen answers captures, refunds, cancels and amount updates with "received"; their outcome arrives later as a
 * signed notification ({@link AdyenNotifications}).</li>
 * </ul>
 * A refusal is a {@link PaymentDeclinedException}; Adyen unreachable, too slow, or answering 5xx, 429 or an
 * authentication failure is a {@link PaymentGatewayUnavailableException} (retried, then an incident); a request
 * Adyen finds invalid is a {@link PaymentRequestRefusedException} with Adyen's words (an incident at once).
 */
@Component
@ConditionalOnProperty(name = "orderflow.payment.gateway", havingValue = "adyen")
class AdyenPaymentGateway implements PaymentGateway {

	/** Adyen's refusal reason code for "Not enough balance". */
	private static final String NOT_ENOUGH_BALANCE = "12";

	/** The longest idempotency key Adyen takes. */
	private static final int MAX_KEY = 64;

	private final PaymentsApi payments;

	private final ModificationsApi modifications;

	private final AdyenProperties properties;

	private final Clock clock;

	AdyenPaymentGateway(AdyenProperties properties, Clock clock) {
		require(properties.apiKey(), "orderflow.payment.adyen.api-key (ADYEN_API_KEY)");
		require(properties.merchantAccount(), "orderflow.payment.adyen.merchant-account (ADYEN_MERCHANT_ACCOUNT)");
		Config config = new Config();
		config.setApiKey(properties.apiKey());
		config.setEnvironment(Environment.valueOf(properties.environment()));
		if (properties.liveUrlPrefix() != null && !properties.liveUrlPrefix().isBlank()) {
			config.setLiveEndpointUrlPrefix(properties.liveUrlPrefix());
		}
		config.setConnectionTimeoutMillis((int) properties.connectTimeout().toMillis());
		config.setReadTimeoutMillis((int) properties.readTimeout().toMillis());
		Client client = new Client(config);
		boolean stub = properties.checkoutUrl() != null && !properties.checkoutUrl().isBlank();
		this.payments = stub ? new PaymentsApi(client, properties.checkoutUrl()) : new PaymentsApi(client);
		this.modifications = stub ? new ModificationsApi(client, properties.checkoutUrl()) : new ModificationsApi(client);
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public GatewayAuthorization authorize(String idempotencyKey, String token, BigDecimal amount, String currency,
			String orderReference) {
		String[] card = token == null ? new String[0] : token.split(":", 2);
		if (card.length != 2 || card[0].isBlank() || card[1].isBlank()) {
			throw new PaymentDeclinedException(Reason.DECLINED,
					"The payment token is not an Adyen stored card (<shopperReference>:<storedPaymentMethodId>)");
		}
		PaymentRequest request = new PaymentRequest().merchantAccount(properties.merchantAccount())
			.amount(amount(amount, currency))
			.reference(orderReference)
			.paymentMethod(new CheckoutPaymentMethod(
					new CardDetails().type(CardDetails.TypeEnum.SCHEME).storedPaymentMethodId(card[1])))
			.shopperReference(card[0])
			.shopperInteraction(PaymentRequest.ShopperInteractionEnum.CONTAUTH)
			.recurringProcessingModel(PaymentRequest.RecurringProcessingModelEnum.UNSCHEDULEDCARDONFILE)
			.additionalData(Map.of("manualCapture", "true"));
		PaymentResponse response = call("authorization", () -> payments.payments(request, key(idempotencyKey)));
		PaymentResponse.ResultCodeEnum result = response.getResultCode();
		if (result == PaymentResponse.ResultCodeEnum.AUTHORISED) {
			return new GatewayAuthorization(response.getPspReference(), amount, currency,
					OffsetDateTime.now(clock).plus(properties.authorizationValidity()));
		}
		if (result == PaymentResponse.ResultCodeEnum.ERROR) {
			throw new PaymentGatewayUnavailableException("Adyen could not process the authorization: "
					+ response.getRefusalReason());
		}
		throw new PaymentDeclinedException(
				NOT_ENOUGH_BALANCE.equals(response.getRefusalReasonCode()) ? Reason.INSUFFICIENT_FUNDS : Reason.DECLINED,
				"Adyen: " + result + (response.getRefusalReason() == null ? "" : " (" + response.getRefusalReason() + ")"));
	}

	@Override
	public GatewayCapture capture(String idempotencyKey, String authorizationReference, BigDecimal amount,
			String currency, String invoiceNumber) {
		PaymentCaptureRequest request = new PaymentCaptureRequest().merchantAccount(properties.merchantAccount())
			.amount(amount(amount, currency))
			.reference(invoiceNumber);
		PaymentCaptureResponse response = call("capture",
				() -> modifications.captureAuthorisedPayment(authorizationReference, request, key(idempotencyKey)));
		return new GatewayCapture(authorizationReference + "/" + response.getPspReference(), amount);
	}

	@Override
	public void voidAuthorization(String idempotencyKey, String authorizationReference) {
		PaymentCancelRequest request = new PaymentCancelRequest().merchantAccount(properties.merchantAccount())
			.reference(adyenKey(idempotencyKey));
		call("cancel", () -> modifications.cancelAuthorisedPaymentByPspReference(authorizationReference, request,
				key(idempotencyKey)));
	}

	@Override
	public GatewayRefund refund(String idempotencyKey, String captureReference, BigDecimal amount, String currency) {
		String[] references = captureReference.split("/", 2);
		if (references.length != 2) {
			throw new IllegalArgumentException("Not the reference of an Adyen capture: " + captureReference);
		}
		PaymentRefundRequest request = new PaymentRefundRequest().merchantAccount(properties.merchantAccount())
			.amount(amount(amount, currency))
			.capturePspReference(references[1])
			.reference(adyenKey(idempotencyKey));
		PaymentRefundResponse response = call("refund",
				() -> modifications.refundCapturedPayment(references[0], request, key(idempotencyKey)));
		return new GatewayRefund(response.getPspReference(), amount);
	}

	@Override
	public GatewayAuthorization reauthorize(String idempotencyKey, String authorizationReference, BigDecimal amount,
			String currency) {
		PaymentAmountUpdateRequest request = new PaymentAmountUpdateRequest()
			.merchantAccount(properties.merchantAccount())
			.amount(amount(amount, currency))
			.industryUsage(PaymentAmountUpdateRequest.IndustryUsageEnum.DELAYEDCHARGE)
			.reference(adyenKey(idempotencyKey));
		PaymentAmountUpdateResponse response = call("amount update",
				() -> modifications.updateAuthorisedAmount(authorizationReference, request, key(idempotencyKey)));
		return new GatewayAuthorization(response.getPaymentPspReference(), amount, currency,
				OffsetDateTime.now(clock).plus(properties.authorizationValidity()));
	}

	/** An amount in the currency's minor units, as Adyen takes it: 12.50 EUR is 1250. */
	static Amount amount(BigDecimal amount, String currency) {
		if (amount == null || amount.signum() <= 0) {
			throw new IllegalArgumentException("The amount must be positive: " + amount);
		}
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		if (amount.stripTrailingZeros().scale() > digits) {
			throw new IllegalArgumentException(amount + " has more decimals than " + currency);
		}
		return new Amount().currency(currency).value(amount.movePointRight(digits).longValueExact());
	}

	private static RequestOptions key(String idempotencyKey) {
		return new RequestOptions().idempotencyKey(adyenKey(idempotencyKey));
	}

	/**
	 * Orderflow's key as Adyen takes it: Adyen's keys have at most 64 characters, so a longer one (a refund's names
	 * its credit memo and capture) goes as its SHA-256, the same for the same key.
	 */
	static String adyenKey(String idempotencyKey) {
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			throw new IllegalArgumentException("Every call to Adyen needs an idempotency key");
		}
		if (idempotencyKey.length() <= MAX_KEY) {
			return idempotencyKey;
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	@FunctionalInterface
	private interface AdyenCall<T> {

		T call() throws ApiException, IOException;

	}

	private static <T> T call(String what, AdyenCall<T> call) {
		try {
			return call.call();
		}
		catch (IOException unreachable) {
			throw new PaymentGatewayUnavailableException("Adyen did not answer the " + what + ": " + unreachable, unreachable);
		}
		catch (ApiException answer) {
			int status = answer.getStatusCode();
			String said = answer.getError() != null && answer.getError().getMessage() != null
					? answer.getError().getMessage() : answer.getResponseBody();
			if (status >= 500 || status == 429 || status == 408 || status == 401 || status == 403 || status <= 0) {
				throw new PaymentGatewayUnavailableException(
						"Adyen answered the " + what + " with " + status + ": " + said, answer);
			}
			throw new PaymentRequestRefusedException("Adyen refused the " + what + " (" + status + "): " + said, answer);
		}
	}

	private static void require(String value, String property) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("The Adyen payment gateway is selected but " + property + " is not set");
		}
	}

}
