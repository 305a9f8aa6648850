package io.orderflow.exchange;

import java.math.BigDecimal;
import java.util.List;

import io.orderflow.service.LineRequests;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/orders/{id}/exchanges}: the units sent back (per order line, with the return policy's reason)
 * and the replacement sent in their place. Without a {@code unitPrice} the replacement is priced as the first
 * returned line (a variant at the same price: another size or colour); without a {@code taxRate} it takes that
 * line's rate.
 */
@Schema(description = "Units to send back and the replacement to send in their place")
public record ExchangeRequest(List<Line> lines, Replacement replacement) {

	/** Units of one order line sent back, and why (DEFECTIVE, DOES_NOT_FIT, CHANGED_MIND, …). */
	public record Line(Integer lineNumber, Integer quantity,
			@Schema(example = "DOES_NOT_FIT") String reason) implements LineRequests.Line {
	}

	/** What is sent instead: a SKU of the catalog, how many, and (optionally) its price and tax rate. */
	public record Replacement(@Schema(example = "SKU-TSHIRT-L") String sku, Integer quantity,
			@Schema(example = "19.99") BigDecimal unitPrice, @Schema(example = "0.19") BigDecimal taxRate) {
	}

}
