package io.orderflow.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: what the API is and how a client signs in (an API key as a Bearer token, or
 * HTTP Basic with a Camunda user where that is switched on), so that Swagger UI's "Authorize" offers both.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static final String API_KEY = "apiKey";

	static final String BASIC = "basic";

	@Bean
	OpenAPI orderflowOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Orderflow API")
				.description("Orders, their fulfillment, delivery, money and service requests. Errors are "
						+ "problem+json (RFC 9457) naming every invalid field; POSTs take an Idempotency-Key."))
			.components(new Components()
				.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("of_<lookup>_<secret>")
					.description("An API key issued by an administrator (POST /api/api-keys)"))
				.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("basic")
					.description("A Camunda user's id and password (orderflow.security.api-basic-auth)")))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
