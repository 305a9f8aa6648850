package io.orderflow.platform.identity;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Camunda administrator created on first start. Outside the demo profile the password has no
 * default: set {@code ORDERFLOW_ADMIN_PASSWORD}, or startup fails and says so.
 */
@ConfigurationProperties("orderflow.admin")
@Validated
record AdminProperties(@NotBlank String userId,
		@NotBlank(message = "is not set: give the admin password in the environment variable ORDERFLOW_ADMIN_PASSWORD") String password) {
}
