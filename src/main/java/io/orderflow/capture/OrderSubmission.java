package io.orderflow.capture;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An order as a channel submits it, over {@code POST /api/orders} or as the {@code order} variable of
 * an {@code OrderLifecycle} started through {@code /engine-rest}. Prices are net of tax; Orderflow
 * computes every total itself. Enumerated values are plain strings here so that a wrong value is
 * reported like any other invalid field (422), not as unreadable JSON (400).
 */
@Schema(description = "An order submitted by a sales channel")
public record OrderSubmission(
		@Schema(example = "WEB-2026-004711", description = "The channel's own reference of the order. With channel it "
				+ "identifies the order: the same pair again answers the existing order (200) and creates nothing.")
		@NotBlank @Size(max = 100) String externalReference,
		@Schema(example = "WEB", allowableValues = { "WEB", "B2B", "STORE", "MARKETPLACE", "PHONE" }) @NotBlank String channel,
		@NotNull @Valid CustomerInput customer,
		@Schema(example = "EUR") @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
		@NotNull @Valid AddressInput shippingAddress,
		@NotNull @Valid AddressInput billingAddress,
		@Schema(example = "STANDARD", allowableValues = { "STANDARD", "EXPRESS", "PICKUP_IN_STORE" }) @NotBlank String deliveryMethod,
		@NotEmpty @Valid List<@NotNull @Valid LineInput> lines,
		@Schema(type = "string", example = "4.90", description = "Net shipping charge; 0 when absent")
		@DecimalMin(value = "0", message = "must not be negative") BigDecimal shippingCharge,
		@NotNull @Valid PaymentInput payment) {

	public record CustomerInput(
			@Size(max = 100) String id,
			@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Size(max = 200) String name,
			@Schema(description = "The language to write to the customer in: en or de, a region may follow (de-AT); "
					+ "English where absent", example = "de")
			@Pattern(regexp = "(?i)(en|de)([-_][a-z0-9]{2,8})*",
					message = "must be a language Orderflow writes to customers in: en or de (a region may follow, e.g. de-AT)")
			String language) {
	}

	public record AddressInput(
			@NotBlank @Size(max = 200) String name,
			@NotBlank @Size(max = 200) String line1,
			@Size(max = 200) String line2,
			@NotBlank @Size(max = 20) String postalCode,
			@NotBlank @Size(max = 100) String city,
			@Size(max = 100) String region,
			@Schema(example = "DE") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
			@Size(max = 40) String phone) {
	}

	public record LineInput(
			@Schema(example = "SKU-TSHIRT-M") @NotBlank @Size(max = 64) String sku,
			@NotBlank @Size(max = 200) String name,
			@NotNull @Min(1) @Max(10_000) Integer quantity,
			@Schema(type = "string", example = "19.99") @NotNull @DecimalMin(value = "0", message = "must not be negative") BigDecimal unitPrice,
			@Schema(type = "string", example = "0.19", description = "A fraction: 0.19 is 19 %")
			@NotNull @DecimalMin(value = "0", message = "must not be negative") BigDecimal taxRate) {
	}

	public record PaymentInput(
			@Schema(example = "CARD", allowableValues = { "CARD", "PAYPAL", "INVOICE", "GIFT_CARD" }) @NotBlank String method,
			@Schema(example = "tok_approve", description = "The payment provider's token for this payment") @NotBlank @Size(max = 200) String token) {
	}

}
