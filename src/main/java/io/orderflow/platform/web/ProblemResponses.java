package io.orderflow.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error answers of every operation in the OpenAPI document as the API gives them: RFC 9457
 * {@code application/problem+json}, one shared schema ({@value #PROBLEM}, with {@code errors: [{field, message}]})
 * and an example per status, where springdoc would guess the operation's own result as any media type. Which
 * statuses an operation answers follows from what it takes, so that no controller has to list them:
 * <ul>
 * <li>400: a body (unreadable JSON) or a parameter of a set form (a UUID, an order's id or number, a number, a
 * value of a list, a date, a length);</li>
 * <li>401, 403 and 429: every operation (credentials needed, each group may do only some things, failed sign-ins
 * from one address are limited);</li>
 * <li>404: a path parameter that is an id (a UUID, or an order's id or number), or the controller says so (a SKU,
 * a location);</li>
 * <li>409: where the controller says so (the state forbids it);</li>
 * <li>422: a body (it breaks a rule), an {@code Idempotency-Key} (reused with another body), or the controller says
 * so.</li>
 * </ul>
 * A description the controller gave ({@code @ApiResponse}) is kept; the content is always the problem.
 */
class ProblemResponses implements OpenApiCustomizer {

	static final String PROBLEM = "ProblemDetail";

	static final String FIELD_VIOLATION = "FieldViolation";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String REF = "#/components/schemas/";

	private static final Map<String, String> DESCRIPTIONS = Map.of(
			"401", "No credentials, or wrong ones: an API key (Authorization: Bearer) or HTTP Basic",
			"403", "Signed in, but none of your groups may do this",
			"404", "Not found",
			"409", "The current state does not allow this; nothing changed",
			"422", "Well-formed, but breaks a rule: every invalid field named in errors, nothing changed",
			"429", "Too many failed sign-ins from this address: wait the seconds of Retry-After");

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		Components components = openApi.getComponents();
		components.addSchemas(FIELD_VIOLATION, fieldViolation());
		components.addSchemas(PROBLEM, problem());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.forEach((path, item) -> item.readOperations().forEach(operation -> document(path, operation, components)));
	}

	private static void document(String path, Operation operation, Components components) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		ApiResponses responses = operation.getResponses();
		TreeSet<String> statuses = new TreeSet<>(List.of("401", "403", "429"));
		responses.keySet().stream().filter(status -> status.startsWith("4")).forEach(statuses::add);
		boolean body = operation.getRequestBody() != null;
		List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
		Parameter formedParameter = parameters.stream()
			.filter(p -> hasForm(resolve(p.getSchema(), components)))
			.findFirst()
			.orElse(null);
		if (body || formedParameter != null) {
			statuses.add("400");
		}
		if (parameters.stream()
			.anyMatch(p -> "path".equals(p.getIn()) && isId(resolve(p.getSchema(), components)))) {
			statuses.add("404");
		}
		boolean idempotencyKey = parameters.stream().anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
		if (body || idempotencyKey) {
			statuses.add("422");
		}
		Facts facts = new Facts(path, body, firstField(operation, components), formedParameter == null ? null
				: new FormedParameter(formedParameter.getName(), resolve(formedParameter.getSchema(), components)),
				idempotencyKey);
		for (String status : statuses) {
			ApiResponse response = responses.computeIfAbsent(status, s -> new ApiResponse());
			if (response.getDescription() == null || response.getDescription().isBlank()) {
				response.setDescription("400".equals(status) ? badRequest(body, formedParameter != null)
						: DESCRIPTIONS.getOrDefault(status, "Refused"));
			}
			MediaType problem = new MediaType().schema(new Schema<>().$ref(REF + PROBLEM));
			examples(status, facts).forEach(problem::addExamples);
			response.setContent(new Content().addMediaType(PROBLEM_JSON, problem));
			if ("429".equals(status)) {
				response.addHeaderObject("Retry-After", new Header()
					.description("Seconds to wait before signing in again")
					.schema(new IntegerSchema()));
			}
		}
	}

	private static String badRequest(boolean body, boolean formedParameter) {
		String what = body && formedParameter ? "The body is not readable JSON, or a parameter has the wrong form"
				: body ? "The body is not readable JSON (or names an unknown field)"
						: "A parameter has the wrong form";
		return what + ": each one named in errors, nothing changed";
	}

	/** A parameter a request can get wrong by its form (anything but free text): 400 when it does. */
	private static boolean hasForm(Schema<?> schema) {
		if (schema == null) {
			return false;
		}
		String type = type(schema);
		return (type != null && !"string".equals(type)) || schema.getFormat() != null || hasEnum(schema)
				|| schema.getPattern() != null || schema.getMinLength() != null || schema.getMaxLength() != null;
	}

	/** A path parameter that names a record by an id of a set form (a UUID, an order's id or number). */
	private static boolean isId(Schema<?> schema) {
		return schema != null && ("uuid".equals(schema.getFormat()) || schema.getPattern() != null);
	}

	private static String type(Schema<?> schema) {
		if (schema.getType() != null) {
			return schema.getType();
		}
		return schema.getTypes() != null && schema.getTypes().size() == 1 ? schema.getTypes().iterator().next() : null;
	}

	private static boolean hasEnum(Schema<?> schema) {
		return schema.getEnum() != null && !schema.getEnum().isEmpty();
	}

	private static Schema<?> resolve(Schema<?> schema, Components components) {
		if (schema != null && schema.get$ref() != null && components.getSchemas() != null) {
			return components.getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
		}
		return schema;
	}

	/** The first field of the operation's request body, for the examples of 400 and 422. */
	private static String firstField(Operation operation, Components components) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
			return null;
		}
		return operation.getRequestBody()
			.getContent()
			.values()
			.stream()
			.map(media -> resolve(media.getSchema(), components))
			.filter(schema -> schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty())
			.map(schema -> schema.getProperties().keySet().iterator().next())
			.findFirst()
			.orElse(null);
	}

	/** What the examples of an operation's problems depend on. */
	private record Facts(String path, boolean body, String field, FormedParameter parameter, boolean idempotencyKey) {

		String bodyField() {
			return field == null ? "" : field;
		}

	}

	private record FormedParameter(String name, Schema<?> schema) {

		/** The problem ApiProblems answers for a value of the wrong form, as it words it. */
		Map<String, Object> problem() {
			if (schema == null) {
				return mismatch("x", "has the wrong form");
			}
			String type = type(schema);
			if (hasEnum(schema)) {
				return mismatch("LOST", "must be one of "
						+ String.join(", ", schema.getEnum().stream().map(String::valueOf).toList()));
			}
			if ("uuid".equals(schema.getFormat())) {
				return mismatch("42", "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6");
			}
			if (schema.getPattern() != null && schema.getDescription() != null) {
				return mismatch("OF-1OOOO1", "must be " + Character.toLowerCase(schema.getDescription().charAt(0))
						+ schema.getDescription().substring(1));
			}
			if ("integer".equals(type)) {
				return mismatch("ten", "must be a whole number");
			}
			if ("boolean".equals(type)) {
				return mismatch("yes", "must be true or false");
			}
			if ("date-time".equals(schema.getFormat())) {
				return mismatch("yesterday",
						"must be an ISO-8601 date-time with an offset, such as 2026-12-04T10:15:30+01:00");
			}
			// a length or a number of values: Bean Validation's words, as ApiProblems passes them on
			boolean array = "array".equals(type);
			Integer min = array ? schema.getMinItems() : schema.getMinLength();
			Integer max = array ? schema.getMaxItems() : schema.getMaxLength();
			String size = "size must be between " + (min == null ? 0 : min) + " and "
					+ (max == null ? Integer.MAX_VALUE : max);
			return ProblemResponses.problem("urn:orderflow:problem:invalid-parameters", "Invalid request parameters",
					400, "Invalid request parameters", violation(name, size));
		}

		private Map<String, Object> mismatch(String value, String accepted) {
			return ProblemResponses.problem("urn:orderflow:problem:invalid-parameters", "Invalid request parameters",
					400, "Parameter '" + name + "' has an invalid value: it " + accepted,
					violation(name, "invalid value '" + value + "': " + accepted));
		}

	}

	private static Map<String, Example> examples(String status, Facts facts) {
		Map<String, Example> examples = new LinkedHashMap<>();
		String path = facts.path();
		switch (status) {
			case "400" -> {
				if (facts.body()) {
					examples.put("unreadableBody", example("The body is not readable JSON, or names an unknown field",
							problem("urn:orderflow:problem:malformed-request", "Malformed request", 400,
									"The request body is not a readable JSON document: colour: unknown field 'colour'",
									violation("colour", "unknown field 'colour'"))));
				}
				if (facts.parameter() != null) {
					examples.put("invalidParameter",
							example("A parameter of the wrong form", facts.parameter().problem()));
				}
			}
			case "401" -> examples.put("unauthorized", example("No or wrong credentials", problem(null, "Unauthorized",
					401, "Authentication required: use an API key (Authorization: Bearer) or HTTP Basic with a Camunda "
							+ "user")));
			case "403" -> examples.put("forbidden", example("Not for your groups",
					problem(null, "Forbidden", 403, "Your groups do not allow this request")));
			case "404" -> examples.put("notFound", path.startsWith("/api/orders/{")
					? example("No order with this id or number", problem("urn:orderflow:problem:unknown-order",
							"Order not found", 404, "No order with number OF-100001"))
					: example("Nothing with this id", problem(null, "Not Found", 404, "No such " + thing(path))));
			case "409" -> examples.put("stateConflict", example("The state forbids it",
					problem("urn:orderflow:problem:state-conflict", "Not possible in the current state", 409,
							"The " + thing(path) + " is not in a state that allows this; nothing was changed")));
			case "422" -> {
				if (facts.body()) {
					examples.put("invalidFields", example("A field breaks a rule",
							problem("urn:orderflow:problem:invalid-request", "Invalid request", 422,
									"1 field(s) of the request are invalid; nothing was changed",
									violation(facts.bodyField(), "must not be null"))));
				}
				if (facts.idempotencyKey()) {
					examples.put("idempotencyKeyReused", example("The Idempotency-Key came with another body before",
							problem("urn:orderflow:problem:idempotency-key-reused",
									"Idempotency-Key reused with a different request", 422,
									"Idempotency-Key 'order-4711' was already used with a different request body",
									violation("Idempotency-Key", "already used with a different request body"))));
				}
				if (examples.isEmpty()) {
					examples.put("invalidFields", example("A value breaks a rule",
							problem("urn:orderflow:problem:invalid-request", "Invalid request", 422,
									"1 field(s) of the request are invalid; nothing was changed",
									violation("status", "PENDING, DELIVERED or DEAD"))));
				}
			}
			case "429" -> examples.put("tooManyFailures", example("Too many failed sign-ins", problem(null,
					"Too Many Requests", 429, "Too many failed sign-ins from this address: try again later")));
			default -> examples.put("refused", example("Refused", problem(null, "Refused", Integer.parseInt(status),
					"The request was refused")));
		}
		return examples;
	}

	/** What the path is about, e.g. "fulfillment order" for /api/fulfillment-orders/{id}/events. */
	private static String thing(String path) {
		String[] segments = path.split("/");
		String collection = segments.length > 2 ? segments[2] : "resource";
		String singular = collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
		return singular.replace('-', ' ').toLowerCase(Locale.ROOT);
	}

	private static Example example(String summary, Map<String, Object> value) {
		return new Example().summary(summary).value(value);
	}

	@SafeVarargs
	private static Map<String, Object> problem(String type, String title, int status, String detail,
			Map<String, String>... violations) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type == null ? "about:blank" : type);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		if (violations.length > 0) {
			problem.put("errors", new ArrayList<>(List.of(violations)));
		}
		return problem;
	}

	private static Map<String, String> violation(String field, String message) {
		Map<String, String> violation = new LinkedHashMap<>();
		violation.put("field", field);
		violation.put("message", message);
		return violation;
	}

	private static Schema<?> fieldViolation() {
		return new ObjectSchema().description("One invalid field of a request: its JSON path and what is wrong with it")
			.addProperty("field", new StringSchema().description("The field's JSON path, a parameter or a header")
				.example("lines[0].quantity"))
			.addProperty("message", new StringSchema().description("What is wrong with it")
				.example("must be greater than or equal to 1"))
			.required(List.of("field", "message"));
	}

	private static Schema<?> problem() {
		return new ObjectSchema()
			.description("An RFC 9457 problem: what was refused and why; nothing was changed")
			.addProperty("type", new StringSchema().format("uri")
				.description("The kind of problem, e.g. urn:orderflow:problem:invalid-request; about:blank when only "
						+ "the status says it")
				.example("urn:orderflow:problem:invalid-request"))
			.addProperty("title", new StringSchema().description("A short summary of the kind of problem"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What was wrong with this request"))
			.addProperty("instance", new StringSchema().format("uri").description("The path that was asked for"))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref(REF + FIELD_VIOLATION))
				.description("Every invalid field, header or parameter (400 and 422)"))
			.required(List.of("type", "title", "status"));
	}

}
