package io.orderflow.capture;

import java.util.Set;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** What order intake accepts: {@code orderflow.capture.*}. */
@ConfigurationProperties("orderflow.capture")
@Validated
record CaptureProperties(@NotEmpty Set<String> currencies, @Min(1) int maxLines) {
}
