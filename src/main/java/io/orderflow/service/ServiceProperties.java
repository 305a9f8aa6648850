package io.orderflow.service;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code orderflow.service.*}. {@code appeasementApprovalThreshold}: an adjustment worth more than this (in
 * the order's currency) needs a supervisor's approval; at most this goes through at once.
 */
@ConfigurationProperties("orderflow.service")
@Validated
public record ServiceProperties(@NotNull @PositiveOrZero @DefaultValue("25.00") BigDecimal appeasementApprovalThreshold) {
}
