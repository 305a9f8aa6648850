package io.orderflow.payment.adyen;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.payment.adyen.*}: the Adyen gateway's account and connection (docs/payment-providers.md). The
 * secrets have no defaults; they come from the environment.
 * @param apiKey the API key of the web service user ({@code ADYEN_API_KEY})
 * @param merchantAccount the merchant account the payments are made for ({@code ADYEN_MERCHANT_ACCOUNT})
 * @param hmacKey the HMAC key of the standard webhook ({@code ADYEN_HMAC_KEY})
 * @param environment {@code TEST} or {@code LIVE}
 * @param liveUrlPrefix the live endpoint prefix of the company account (LIVE only)
 * @param checkoutUrl the Checkout API's base URL, where it is not Adyen's own (a local stub in tests)
 * @param connectTimeout how long a connection to Adyen may take
 * @param readTimeout how long Adyen may take to answer; a call that takes longer is tried again, with its key
 * @param authorizationValidity how long an authorization can be captured (card schemes: usually 28 days)
 */
@ConfigurationProperties("orderflow.payment.adyen")
record AdyenProperties(String apiKey, String merchantAccount, String hmacKey, @DefaultValue("TEST") String environment,
		String liveUrlPrefix, String checkoutUrl, @DefaultValue("PT5S") Duration connectTimeout,
		@DefaultValue("PT30S") Duration readTimeout, @DefaultValue("P28D") Duration authorizationValidity) {
}
