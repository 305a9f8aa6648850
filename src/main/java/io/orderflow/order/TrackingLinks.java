package io.orderflow.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed links to an order's tracking page, carried by the customer's notifications: {@code /track/<number>?t=<
 * signature>}, the signature an HMAC-SHA256 of the order number with {@code orderflow.tracking.secret}. Without a
 * secret (none is set outside the demo profile unless an operator sets one) there are no links, and customers
 * track with their order number and e-mail.
 */
@Component
public class TrackingLinks {

	private final byte[] secret;

	private final String baseUrl;

	TrackingLinks(@Value("${orderflow.tracking.secret:}") String secret,
			@Value("${orderflow.tracking.base-url:http://localhost:8080}") String baseUrl) {
		this.secret = secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** The link to the order's tracking page, where links are switched on. */
	public Optional<String> link(String orderNumber) {
		return secret == null ? Optional.empty()
				: Optional.of(baseUrl + "/track/" + orderNumber + "?t=" + signature(orderNumber));
	}

	/** Whether {@code signature} is the one of {@code orderNumber}. */
	public boolean valid(String orderNumber, String signature) {
		return secret != null && signature != null && MessageDigest.isEqual(
				signature(orderNumber).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
	}

	private String signature(String orderNumber) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			byte[] full = mac.doFinal(orderNumber.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(full).substring(0, 32);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available", e);
		}
	}

}
