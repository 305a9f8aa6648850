package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An order is named in a path by its id or by its order number, on {@code /api/orders/{id}} and on every path
 * under it; anything else is a 400 that says what is accepted (docs/rest-api.md, "Ids and order numbers"). The
 * same tests run on H2 and on PostgreSQL (see the subclasses).
 */
abstract class OrderByNumberApiTest extends ServiceApiTest {

	static final List<String> SUBRESOURCES = List.of("payments", "invoices", "credit-memos", "fulfillment-orders",
			"shipments", "cancellations", "returns", "adjustments", "reshipments", "exchanges", "address-changes");

	OrderByNumberApiTest() {
		super("NUM", "Order number", "4.90");
	}

	@Test
	void anOrderIsFoundByItsNumberAsByItsId() {
		// Given an order
		String id = submit(1);
		String number = integrator.get("/api/orders/" + id).json().path("orderNumber").asText();

		// When it is asked for by its number, as written and in lower case
		Response byNumber = integrator.get("/api/orders/" + number);
		Response byLowerCaseNumber = integrator.get("/api/orders/" + number.toLowerCase());

		// Then it is the same order
		assertThat(byNumber.status()).as(byNumber.toString()).isEqualTo(200);
		assertThat(byNumber.json().path("id").asText()).isEqualTo(id);
		assertThat(byNumber.json().path("orderNumber").asText()).isEqualTo(number);
		assertThat(byNumber.json().path("timeline")).isNotEmpty();
		assertThat(byLowerCaseNumber.json().path("id").asText()).isEqualTo(id);
	}

	@Test
	void everyPathUnderAnOrderTakesItsNumberToo() {
		// Given a delivered order with a return
		String id = deliveredOrder(2);
		String number = integrator.get("/api/orders/" + id).json().path("orderNumber").asText();

		// When a return is requested through the order's number
		Response requested = integrator.post("/api/orders/" + number + "/returns",
				"{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1, \"reason\": \"DOES_NOT_FIT\"}]}");

		// Then it is the order's return
		assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
		assertThat(requested.json().path("orderId").asText()).isEqualTo(id);

		// And every path under the order answers the same by number as by id
		for (String subresource : SUBRESOURCES) {
			Response byId = integrator.get("/api/orders/" + id + "/" + subresource);
			Response byNumber = integrator.get("/api/orders/" + number + "/" + subresource);
			assertThat(byNumber.status()).as(subresource + ": " + byNumber).isEqualTo(200);
			assertThat(byNumber.json()).as(subresource).isEqualTo(byId.json());
		}
		assertThat(integrator.get("/api/orders/" + number + "/returns").json()).hasSize(1);
		assertThat(integrator.get("/api/orders/" + number + "/shipments").json()).isNotEmpty();
	}

	@Test
	void aNumberNoOrderHasIsA404SayingSo() {
		for (String path : List.of("", "/returns", "/payments", "/fulfillment-orders", "/shipments")) {
			// When an order number that no order has is asked for
			Response response = integrator.get("/api/orders/OF-987654321987" + path);

			// Then the answer is the order's 404, naming the number
			assertThat(response.status()).as(path + ": " + response).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().path("type").asText()).isEqualTo("urn:orderflow:problem:unknown-order");
			assertThat(response.json().path("detail").asText()).isEqualTo("No order with number OF-987654321987");
		}
		Response unknownId = integrator.get("/api/orders/" + UUID.randomUUID() + "/shipments");
		assertThat(unknownId.status()).as("an unknown id, too").isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "OF-10000x", "100007", "OF100007", "ORD-100007", "3fa85f64-5717-4562-b3fc",
			"OF-100007%20OR%201=1" })
	void aMalformedIdIsA400SayingWhatIsAccepted(String malformed) {
		for (String path : List.of("", "/payments", "/returns", "/fulfillment-orders")) {
			// When an order is asked for by something that is neither an id nor a number
			Response response = integrator.get("/api/orders/" + malformed + path);

			// Then the answer is a 400 naming the parameter and both forms it accepts
			assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			JsonNode error = response.json().path("errors").get(0);
			assertThat(error.path("field").asText()).isEqualTo("id");
			assertThat(error.path("message").asText()).contains("UUID", "OF-100001");
			assertThat(response.json().path("detail").asText()).contains("UUID", "OF-100001");
		}
	}

	@Test
	void aMalformedIdOfAnotherResourceSaysAUuidIsExpected() {
		// When a return is asked for by something that is not a UUID
		Response response = integrator.get("/api/returns/RMA-OF-100001-1");

		// Then the 400 says what a return's id looks like
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(fields(response)).containsExactly("id");
		assertThat(response.json().path("errors").get(0).path("message").asText()).contains("must be a UUID");
	}

}
