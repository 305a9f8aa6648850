package io.orderflow.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How stock is allocated: {@code orderflow.fulfillment.allocation.*}.
 * @param maxAttempts how many times a plan is made and reserved before giving up on optimism: every attempt
 * but the last reserves with conditional updates only, and re-plans when another order took the stock
 * meanwhile. The last attempt locks the candidate stock rows first, so it cannot lose the race.
 * @param exactSearchMaxLocations up to this many candidate locations routing finds the fewest exactly,
 * beyond greedily (see {@link Routing})
 */
@ConfigurationProperties("orderflow.fulfillment.allocation")
@Validated
record AllocationProperties(@DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("15") @Min(0) @Max(Routing.EXACT_SEARCH_CEILING) int exactSearchMaxLocations) {
}
