package io.orderflow.payment;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The payment stage's configuration: {@code orderflow.payment.*} (documented in application.yml).
 * @param gateway which {@link PaymentGateway} is used; {@code sandbox} is the built-in one
 * @param renewBefore an open authorization expiring within this is renewed
 * @param sandbox the sandbox gateway's settings
 */
@ConfigurationProperties("orderflow.payment")
@Validated
public record PaymentProperties(@NotBlank @DefaultValue("sandbox") String gateway,
		@NotNull @DefaultValue("P1D") Duration renewBefore, @Valid @NotNull @DefaultValue Sandbox sandbox) {

	/**
	 * @param timeout how long the sandbox waits before answering {@code tok_timeout} with a timeout
	 * @param authorizationValidity how long a sandbox authorization can be captured
	 */
	public record Sandbox(@NotNull @DefaultValue("PT2S") Duration timeout,
			@NotNull @DefaultValue("P7D") Duration authorizationValidity) {
	}

}
