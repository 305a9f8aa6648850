package io.orderflow.adjustment;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/orders/{id}/adjustments}: a line ({@code lineNumber}) or {@code shipping: true}; an
 * {@code amount} (in the order's currency, tax included for a line) or a {@code percentage} (0 < p <= 100,
 * of the line's value with tax, or of the shipping charge); and a reason.
 */
@Schema(description = "lineNumber or shipping: true; amount or percentage; and a reason")
public record AdjustmentRequest(Integer lineNumber, Boolean shipping, BigDecimal amount, BigDecimal percentage,
		String reason) {

	boolean isShipping() {
		return Boolean.TRUE.equals(shipping);
	}

}
