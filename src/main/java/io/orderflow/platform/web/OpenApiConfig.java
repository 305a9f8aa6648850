package io.orderflow.platform.web;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api} (served at {@code /v3/api-docs}, shown by Swagger UI): what the API is, its
 * version (the build's), how a client signs in (HTTP Basic with a Camunda user, or an API key as a Bearer token:
 * Swagger UI's "Authorize" offers both), its tags in the order of an order's life, every refusal as problem+json
 * ({@link ProblemResponses}) and request examples that create something new each time they are tried
 * ({@link FreshExamples}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static final String API_KEY = "apiKey";

	static final String BASIC = "basic";

	/**
	 * The tags as an integrator meets them: the order, then what happens to it (fulfillment, delivery, money), the
	 * service requests, then what the systems around Orderflow keep up to date, what Orderflow tells them, and the
	 * keys they sign in with. A tag that is not here comes last (OpenApiDocumentTest asks for every tag to be here).
	 */
	static final List<String> TAG_ORDER = List.of("Orders", "Fulfillment orders", "Shipments", "Payments",
			"Cancellations", "Returns", "Adjustments", "Reshipments", "Exchanges", "Address changes", "Catalog, locations and stock", "Events",
			"Webhooks", "API keys");

	static final String DESCRIPTION = """
			Orderflow's own REST API: orders from the moment a channel submits them until the last return is \
			refunded; their fulfillment at your locations, delivery by carriers, money, and the service requests \
			(cancellations, returns, adjustments, reshipments, exchanges, address changes); the catalog, locations and stock your systems keep \
			up to date; and the events Orderflow sends when anything changes.

			**Sign in** with **Authorize**: HTTP Basic with a Camunda user (people; the demo's `integrator` may \
			submit orders), or an API key as a Bearer token (machines; an administrator issues it with \
			`POST /api/api-keys`). Your groups decide what you may do: anything else is a 403.

			**Errors** are RFC 9457 `application/problem+json`: a 400 for unreadable JSON or a parameter of the \
			wrong form, a 422 for a well-formed request that breaks a rule, both naming every invalid field in \
			`errors: [{field, message}]`; a 409 when the current state does not allow it. A refused request \
			changes nothing.

			**Orders** are named in paths by their id (a UUID) or their order number: `/api/orders/OF-100001` and \
			every path under it. **Writes** are safe to retry: `POST /api/orders` answers the existing order (200) \
			for a channel and externalReference it has seen, and every POST that creates something honours an \
			`Idempotency-Key`. Amounts are decimal strings in the order's currency, times ISO-8601 with an offset.

			**Trying it out:** the example of `POST /api/orders` gets an externalReference of its own each time \
			this page loads, so it creates a new order; sent again it answers that same order (200). Its SKU and \
			payment token are the demo's.

			Every endpoint with examples, and the rules behind them: `docs/rest-api.md` in the repository.
			""";

	@Bean
	OpenAPI orderflowOpenApi(ObjectProvider<BuildProperties> build) {
		return new OpenAPI().info(new Info().title("Orderflow API").version(version(build)).description(DESCRIPTION))
			.components(new Components()
				.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("basic")
					.description("A Camunda user's id and password (unless orderflow.security.api-basic-auth=false)"))
				.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("of_<lookup>_<secret>")
					.description("An API key issued by an administrator (POST /api/api-keys)")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY));
	}

	/** The version Maven built (META-INF/build-info.properties), else the jar's, else that it is unknown. */
	static String version(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		if (properties != null && properties.getVersion() != null) {
			return properties.getVersion();
		}
		String jar = OpenApiConfig.class.getPackage().getImplementationVersion();
		return jar != null ? jar : "unknown (built without Maven)";
	}

	@Bean
	OpenApiCustomizer tagsInLifecycleOrder() {
		return openApi -> {
			if (openApi.getTags() != null) {
				openApi.setTags(openApi.getTags()
					.stream()
					.sorted(Comparator.comparingInt(OpenApiConfig::rank).thenComparing(Tag::getName))
					.toList());
			}
		};
	}

	private static int rank(Tag tag) {
		int rank = TAG_ORDER.indexOf(tag.getName());
		return rank < 0 ? TAG_ORDER.size() : rank;
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return new ProblemResponses();
	}

	@Bean
	FilterRegistrationBean<FreshExamples> freshExamples(@Value("${springdoc.api-docs.path:/v3/api-docs}") String path,
			ObjectMapper json) {
		FilterRegistrationBean<FreshExamples> registration = new FilterRegistrationBean<>(
				new FreshExamples(path, json));
		registration.setName("fresh-openapi-examples");
		registration.addUrlPatterns(path);
		return registration;
	}

}
