package io.orderflow.capture;

import java.net.URI;
import java.security.Principal;

import io.orderflow.order.Orders;
import io.orderflow.order.OrderView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Order intake over REST. */
@RestController
@Tag(name = "Orders")
class CaptureController {

	/**
	 * The example Swagger UI's "Try it out" sends: the demo's SKU and a payment token the sandbox approves. Its
	 * externalReference gets a suffix of its own each time the OpenAPI document is fetched (x-unique), so that it
	 * creates a new order instead of answering the one someone created with it before.
	 */
	static final String NEW_ORDER = """
			{
			  "externalReference": "TRY-IT-OUT",
			  "channel": "WEB",
			  "customer": {"id": "C-42", "email": "ada@example.com", "name": "Ada Lovelace"},
			  "currency": "EUR",
			  "shippingAddress": {"name": "Ada Lovelace", "line1": "Unter den Linden 1", "postalCode": "10117",
			    "city": "Berlin", "country": "DE"},
			  "billingAddress": {"name": "Ada Lovelace", "line1": "Unter den Linden 1", "postalCode": "10117",
			    "city": "Berlin", "country": "DE"},
			  "deliveryMethod": "STANDARD",
			  "lines": [{"sku": "SKU-TSHIRT-M", "name": "Organic T-shirt, M", "quantity": 2, "unitPrice": "19.99",
			    "taxRate": "0.19"}],
			  "shippingCharge": "4.90",
			  "payment": {"method": "CARD", "token": "tok_approve"}
			}""";

	static final String NEW_ORDER_DESCRIPTION = "The channel and externalReference identify an order: the same pair "
			+ "again answers the order already created (200) and creates nothing. So this example's externalReference "
			+ "is made anew each time the page loads (TRY-IT-OUT-...): Execute creates an order of your own; executed "
			+ "again, it answers that order. Reload the page, or change externalReference, for another one. "
			+ "SKU-TSHIRT-M is in the demo's catalog; tok_approve is a token the sandbox payment gateway approves.";

	private final CaptureService capture;

	private final Orders orders;

	CaptureController(CaptureService capture, Orders orders) {
		this.capture = capture;
		this.orders = orders;
	}

	@PostMapping("/api/orders")
	@Operation(summary = "Submit an order",
			description = "Validates the order, computes its totals, stores it and starts its lifecycle. "
					+ "The same channel and externalReference return the existing order (200) and start nothing. "
					+ "An Idempotency-Key replays the first answer for the same body and is refused (422) "
					+ "for a different one.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
			mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = OrderSubmission.class),
			examples = @ExampleObject(name = "newOrder", summary = "A new order of two T-shirts, paid by card",
					description = NEW_ORDER_DESCRIPTION, value = NEW_ORDER,
					extensions = @Extension(
							properties = @ExtensionProperty(name = "x-unique", value = "externalReference")))))
	@ApiResponse(responseCode = "201", description = "Order created")
	@ApiResponse(responseCode = "200", description = "The channel already has an order with this reference")
	@ApiResponse(responseCode = "400", description = "Malformed JSON, or an Idempotency-Key of the wrong length")
	@ApiResponse(responseCode = "422", description = "A well-formed order that breaks a rule; every invalid field is named")
	ResponseEntity<OrderView> submit(@RequestBody OrderSubmission submission,
			@Parameter(description = "Optional. The same key with the same body answers the first answer again and "
					+ "creates nothing; with another body it is a 422. Leave it empty to try the example.")
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Principal principal) {
		SubmissionResult result = capture.submit(submission, idempotencyKey, principal.getName());
		OrderView view = OrderView.of(result.order(), orders.money(result.order()), orders.timeline(result.order().id()));
		URI location = URI.create("/api/orders/" + result.order().id());
		return ResponseEntity.status(result.status()).location(location).body(view);
	}

}
