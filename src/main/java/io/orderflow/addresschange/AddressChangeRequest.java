package io.orderflow.addresschange;

import io.orderflow.capture.OrderSubmission.AddressInput;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

/**
 * A new shipping address for an order, or for one of its fulfillment orders, and why. The address has the
 * fields and rules of an order's address at intake.
 */
@Schema(description = "A new shipping address for the order or one of its fulfillment orders, and why")
public record AddressChangeRequest(@Valid AddressInput shippingAddress,
		@Schema(description = "Only this fulfillment order (its id or number, e.g. OF-100001-F1); leave it out to "
				+ "change the order's address and everything of it still to ship", example = "OF-100001-F1")
		String fulfillmentOrderId,
		@Schema(example = "Customer moved") String reason) {
}
