package io.orderflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Product;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI document that describes {@code /api} (and that Swagger UI shows) is public, says what the API is and
 * which version, how to sign in, every refusal as problem+json, its tags in the order of an order's life, and an
 * example order that creates a new order each time the document is read.
 */
@H2Test
class OpenApiDocumentTest {

	/** The demo's T-shirt, which the example order asks for. */
	static final String EXAMPLE_SKU = "SKU-TSHIRT-M";

	@LocalServerPort
	int port;

	@Autowired
	Inventory inventory;

	ApiClient anonymous;

	@BeforeEach
	void setUp() {
		anonymous = ApiClient.on(port);
		inventory.saveProduct(new Product(EXAMPLE_SKU, "Organic T-shirt, M", true));
	}

	@Test
	void theOpenApiDocumentIsServedWithoutCredentialsAndDescribesTheOrdersApi() {
		// When
		Response response = anonymous.get("/v3/api-docs");

		// Then
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode document = response.json();
		assertThat(document.path("openapi").asText()).startsWith("3.");
		assertThat(document.path("paths").has("/api/orders")).as("paths: %s", document.path("paths")).isTrue();
		assertThat(document.path("paths").path("/api/orders").has("post")).isTrue();
		assertThat(document.path("paths").path("/api/orders").has("get")).isTrue();
		assertThat(document.path("paths").has("/api/orders/{id}")).isTrue();
	}

	@Test
	void theOpenApiDocumentDescribesOnlyTheProjectsOwnApi() {
		JsonNode paths = document().path("paths");

		assertThat(paths.fieldNames()).toIterable().allSatisfy(path -> assertThat(path).startsWith("/api/"));
	}

	@Test
	void itSaysWhatTheApiIsAndTheVersionTheBuildHas() throws IOException {
		// Given the version in the pom
		Matcher pom = Pattern.compile("<artifactId>orderflow</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(pom.find()).isTrue();

		// When the document is read
		JsonNode info = document().path("info");

		// Then it names the API, says how to use it, and states the build's version
		assertThat(info.path("title").asText()).isEqualTo("Orderflow API");
		assertThat(info.path("description").asText()).contains("Authorize", "problem+json", "OF-100001",
				"Idempotency-Key", "docs/rest-api.md");
		assertThat(info.path("version").asText()).isEqualTo(pom.group(1));
	}

	@Test
	void itOffersHttpBasicAndApiKeysToSignIn() {
		JsonNode document = document();

		JsonNode schemes = document.path("components").path("securitySchemes");
		assertThat(schemes.path("basic").path("type").asText()).isEqualTo("http");
		assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
		assertThat(schemes.path("apiKey").path("type").asText()).isEqualTo("http");
		assertThat(schemes.path("apiKey").path("scheme").asText()).isEqualTo("bearer");
		// either of them (two requirements: one or the other), for every operation
		assertThat(document.path("security")).hasSize(2);
		assertThat(document.path("security").toString()).contains("\"apiKey\"", "\"basic\"");
	}

	@Test
	void everyRefusalIsAProblemJsonWithAnExample() {
		JsonNode document = document();
		JsonNode problem = document.path("components").path("schemas").path("ProblemDetail");
		assertThat(problem.path("properties").fieldNames()).toIterable()
			.contains("type", "title", "status", "detail", "errors");
		assertThat(problem.path("properties").path("errors").path("items").path("$ref").asText())
			.isEqualTo("#/components/schemas/FieldViolation");
		assertThat(document.path("components").path("schemas").path("FieldViolation").path("properties").fieldNames())
			.toIterable()
			.containsExactlyInAnyOrder("field", "message");

		operations(document).forEach((name, operation) -> {
			JsonNode responses = operation.path("responses");
			assertThat(responses.fieldNames()).toIterable().as(name).contains("401", "403");
			responses.fields().forEachRemaining(response -> {
				if (!response.getKey().startsWith("4")) {
					assertThat(response.getValue().path("content").has("application/problem+json"))
						.as("%s %s is not a problem", name, response.getKey())
						.isFalse();
					return;
				}
				JsonNode content = response.getValue().path("content");
				assertThat(content.fieldNames()).toIterable()
					.as("%s %s", name, response.getKey())
					.containsExactly("application/problem+json");
				JsonNode media = content.path("application/problem+json");
				assertThat(media.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/ProblemDetail");
				assertThat(media.path("examples")).as("%s %s examples", name, response.getKey()).isNotEmpty();
				media.path("examples")
					.forEach(example -> assertThat(example.path("value").path("status").asText())
						.as("%s %s", name, response.getKey())
						.isEqualTo(response.getKey()));
			});
		});
	}

	@Test
	void eachOperationListsTheRefusalsItGives() {
		Map<String, JsonNode> operations = operations(document());

		assertThat(statuses(operations, "POST /api/orders")).containsExactly("400", "401", "403", "422", "429");
		assertThat(statuses(operations, "GET /api/orders/{id}")).containsExactly("400", "401", "403", "404", "429");
		assertThat(statuses(operations, "POST /api/orders/{id}/cancellations"))
			.containsExactly("400", "401", "403", "404", "409", "422", "429");
		assertThat(statuses(operations, "GET /api/locations")).containsExactly("401", "403", "429");
		assertThat(statuses(operations, "PUT /api/locations/{id}")).containsExactly("400", "401", "403", "422", "429");
		// a location's work queue is empty for a location it does not know, and says so with no 404
		assertThat(statuses(operations, "GET /api/locations/{locationId}/fulfillment-orders"))
			.containsExactly("400", "401", "403", "429");
		assertThat(statuses(operations, "DELETE /api/products/{sku}"))
			.containsExactly("401", "403", "404", "409", "429");
		// a SKU is free text: no form to get wrong
		assertThat(statuses(operations, "GET /api/products/{sku}")).containsExactly("401", "403", "404", "429");
	}

	@Test
	void anIdempotencyKeyOfTheWrongLengthIsNamedAsTheDocumentSays() {
		// Given the example of a 400 for a parameter of POST /api/orders
		JsonNode documented = operations(document()).get("POST /api/orders")
			.path("responses").path("400").path("content").path("application/problem+json")
			.path("examples").path("invalidParameter").path("value");

		// When an order comes with an Idempotency-Key longer than 200 characters
		Response answer = anonymous.as("integrator")
			.header("Idempotency-Key", "k".repeat(201))
			.post("/api/orders", exampleOrder(document()).toString());

		// Then the 400 names the header as a client writes it, in the documented words
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().path("errors")).isEqualTo(documented.path("errors"));
		assertThat(answer.json().path("type").asText()).isEqualTo(documented.path("type").asText());
	}

	@Test
	void theDocumentedProblemsAreTheOnesTheApiAnswers() {
		// Given what the document says GET /api/orders/{id} answers
		JsonNode responses = operations(document()).get("GET /api/orders/{id}").path("responses");
		ApiClient integrator = anonymous.as("integrator");

		// When the API is asked without credentials, by a user of no group, for an unknown order and a malformed id
		Map<String, Response> answers = Map.of("401", anonymous.get("/api/orders/OF-100001"), "403",
				anonymous.as("nobody").get("/api/orders/OF-100001"), "404",
				integrator.get("/api/orders/OF-987654321"), "400", integrator.get("/api/orders/OF-1OOOO1"));

		// Then each answer is a problem of the documented type and title, with the documented fields
		answers.forEach((status, answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(Integer.parseInt(status));
			assertThat(answer.contentType()).startsWith("application/problem+json");
			JsonNode example = responses.path(status)
				.path("content")
				.path("application/problem+json")
				.path("examples")
				.elements()
				.next()
				.path("value");
			assertThat(answer.json().path("type").asText("about:blank")).as(status)
				.isEqualTo(example.path("type").asText());
			assertThat(answer.json().path("title").asText()).as(status).isEqualTo(example.path("title").asText());
			assertThat(answer.json().has("errors")).as(status).isEqualTo(example.has("errors"));
		});
		assertThat(answers.get("400").json().path("errors").get(0).path("message").asText())
			.isEqualTo(responses.path("400").path("content").path("application/problem+json").path("examples")
				.path("invalidParameter").path("value").path("errors").get(0).path("message").asText());
	}

	@Test
	void anUnknownFieldIsRefusedInTheDocumentedWords() {
		// Given the example of an unreadable body of POST /api/orders
		JsonNode documented = operations(document()).get("POST /api/orders")
			.path("responses").path("400").path("content").path("application/problem+json")
			.path("examples").path("unreadableBody").path("value");

		// When an order comes with a field the API does not know
		String order = exampleOrder(document()).toString().replaceFirst("\\{", "{\"colour\": \"sand\", ");
		Response answer = anonymous.as("integrator").post("/api/orders", order);

		// Then the 400 says so as documented
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().path("detail").asText()).isEqualTo(documented.path("detail").asText());
		assertThat(answer.json().path("errors")).isEqualTo(documented.path("errors"));
	}

	@Test
	void anOrderIsNamedByItsIdOrItsNumber() {
		JsonNode parameter = operations(document()).get("GET /api/orders/{id}").path("parameters").get(0);

		assertThat(parameter.path("name").asText()).isEqualTo("id");
		assertThat(parameter.path("in").asText()).isEqualTo("path");
		JsonNode schema = parameter.path("schema");
		if (schema.has("$ref")) {
			schema = document().path("components").path("schemas")
				.path(schema.path("$ref").asText().replace("#/components/schemas/", ""));
		}
		assertThat(schema.path("type").asText()).isEqualTo("string");
		assertThat(schema.has("properties")).isFalse();
		assertThat(schema.path("description").asText()).contains("UUID", "order number");
		assertThat("OF-100001").matches(schema.path("pattern").asText());
		assertThat("3fa85f64-5717-4562-b3fc-2c963f66afa6").matches(schema.path("pattern").asText());
		assertThat("OF-1OOOO1").doesNotMatch(schema.path("pattern").asText());
	}

	@Test
	void theTagsComeInTheOrderOfAnOrdersLife() {
		JsonNode document = document();

		List<String> tags = new ArrayList<>();
		document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
		assertThat(tags).containsExactly("Orders", "Fulfillment orders", "Shipments", "Payments", "Cancellations",
				"Returns", "Adjustments", "Reshipments", "Exchanges", "Address changes", "Catalog, locations and stock", "Events", "Webhooks",
				"API keys");
		document.path("tags")
			.forEach(tag -> assertThat(tag.path("description").asText()).as(tag.toString()).isNotBlank());
		operations(document).forEach((name, operation) -> assertThat(operation.path("tags")).as(name)
			.hasSize(1)
			.allSatisfy(tag -> assertThat(tags).contains(tag.asText())));
	}

	@Test
	void theExampleOrderCreatesANewOrderEachTimeTheDocumentIsRead() {
		// Given the example of POST /api/orders in two readings of the document (two loads of Swagger UI)
		JsonNode first = exampleOrder(document());
		JsonNode second = exampleOrder(document());
		String reference = first.path("externalReference").asText();
		assertThat(reference).startsWith("TRY-IT-OUT-");
		assertThat(second.path("externalReference").asText()).startsWith("TRY-IT-OUT-").isNotEqualTo(reference);

		// When the integrator sends each of them as it stands
		ApiClient integrator = anonymous.as("integrator");
		Response created = integrator.post("/api/orders", first.toString());
		Response other = integrator.post("/api/orders", second.toString());

		// Then each creates an order of its own, which the API has
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(other.status()).as(other.toString()).isEqualTo(201);
		String id = created.json().path("id").asText();
		assertThat(other.json().path("id").asText()).isNotEqualTo(id);
		Response stored = integrator.get("/api/orders/" + id);
		assertThat(stored.json().path("externalReference").asText()).isEqualTo(reference);
		assertThat(stored.json().path("lines").get(0).path("sku").asText()).isEqualTo(EXAMPLE_SKU);

		// And the same example sent again answers that order, as its description says
		Response again = integrator.post("/api/orders", first.toString());
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("id").asText()).isEqualTo(id);
	}

	@Test
	void theDocumentItselfIsTheSameOnEveryReadingButForTheExamplesReference() {
		String first = document().toString();
		String second = document().toString();

		assertThat(first.replaceAll("TRY-IT-OUT-[0-9A-F]+", "TRY-IT-OUT"))
			.isEqualTo(second.replaceAll("TRY-IT-OUT-[0-9A-F]+", "TRY-IT-OUT"));
	}

	private JsonNode document() {
		Response response = anonymous.get("/v3/api-docs");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	static JsonNode exampleOrder(JsonNode document) {
		JsonNode examples = document.path("paths")
			.path("/api/orders")
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("examples");
		assertThat(examples.size()).as("examples: %s", examples).isEqualTo(1);
		JsonNode example = examples.elements().next();
		assertThat(example.path("description").asText()).contains("externalReference", "200");
		return example.path("value");
	}

	/** "METHOD /path" → operation, for every operation of the document. */
	static Map<String, JsonNode> operations(JsonNode document) {
		Map<String, JsonNode> operations = new java.util.LinkedHashMap<>();
		document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
			if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
				operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
			}
		}));
		return operations;
	}

	private static Set<String> statuses(Map<String, JsonNode> operations, String name) {
		assertThat(operations).containsKey(name);
		Set<String> statuses = new LinkedHashSet<>();
		Iterator<String> codes = operations.get(name).path("responses").fieldNames();
		codes.forEachRemaining(code -> {
			if (code.startsWith("4")) {
				statuses.add(code);
			}
		});
		return statuses;
	}

}
