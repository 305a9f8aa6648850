package io.orderflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.H2Test;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI document that describes {@code /api} is public: an integrator reads it before having an account. */
@H2Test
class OpenApiDocumentTest {

	@LocalServerPort
	int port;

	@Test
	void theOpenApiDocumentIsServedWithoutCredentialsAndDescribesTheOrdersApi() {
		// When
		Response response = ApiClient.on(port).get("/v3/api-docs");

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
		JsonNode paths = ApiClient.on(port).get("/v3/api-docs").json().path("paths");

		assertThat(paths.fieldNames()).toIterable().allSatisfy(path -> assertThat(path).startsWith("/api/"));
	}

	@Test
	void theOpenApiDocumentSaysHowToSignIn() {
		JsonNode document = ApiClient.on(port).get("/v3/api-docs").json();

		JsonNode schemes = document.path("components").path("securitySchemes");
		assertThat(schemes.path("apiKey").path("scheme").asText()).isEqualTo("bearer");
		assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
		assertThat(document.path("security").toString()).contains("\"apiKey\"", "\"basic\"");
	}

}
