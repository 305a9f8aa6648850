package io.orderflow.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * engine-rest answers an exception by its own type, but the engine wraps what a task listener throws into
 * a plain {@link ProcessEngineException}, and engine-rest's task resource wraps that into a 500
 * {@link RestException} ("Cannot complete task"): a refusal in a listener (the four-eyes rule on "Approve
 * appeasement", a form value Orderflow cannot accept) would be a 500. These look into the causes first:
 * an {@link AuthorizationException} answers 403 as engine-rest answers it elsewhere, an Orderflow
 * {@link InvalidRequestException} 400 with every invalid field named, a {@link StateConflictException} 409; anything else is answered by
 * engine-rest's own mapping, unchanged. Each takes precedence over engine-rest's mapper of the same type by
 * its {@code @Priority}.
 */
final class EngineRestExceptionMapper {

	/** The engine's message id for skip flags on a start at the start event. */
	private static final String SKIP_AT_START_EVENT = "ENGINE-13024";

	private static final String SKIP_ONLY_WITH_INSTRUCTIONS = "applies only to a start with startInstructions: a start at "
			+ "the start event runs its listeners and mappings";

	private EngineRestExceptionMapper() {
	}

	@Priority(100)
	static final class OfRestException implements ExceptionMapper<RestException> {

		@Override
		public Response toResponse(RestException exception) {
			return answer(exception);
		}

	}

	@Priority(100)
	static final class OfProcessEngineException implements ExceptionMapper<ProcessEngineException> {

		@Override
		public Response toResponse(ProcessEngineException exception) {
			return answer(exception);
		}

	}

	/** Thrown as it is, not wrapped: out of a service task that runs in the request's transaction. */
	@Priority(100)
	static final class OfInvalidRequest implements ExceptionMapper<InvalidRequestException> {

		@Override
		public Response toResponse(InvalidRequestException exception) {
			return invalid(exception);
		}

	}

	/** Thrown as it is, not wrapped: a service task in the request's transaction refused the record's state. */
	@Priority(100)
	static final class OfStateConflict implements ExceptionMapper<StateConflictException> {

		@Override
		public Response toResponse(StateConflictException exception) {
			return conflict(exception);
		}

	}

	/**
	 * Unreadable JSON (malformed, a field named twice, beyond {@link BoundedJson}'s limits): a 400 naming the
	 * field where there is one. One mapper per Jackson type engine-rest and Jersey map themselves, so that
	 * this one is the nearest.
	 */
	@Priority(100)
	static final class OfUnreadableJson implements ExceptionMapper<JsonProcessingException> {

		@Override
		public Response toResponse(JsonProcessingException exception) {
			return unreadable(exception);
		}

	}

	@Priority(100)
	static final class OfJsonParse implements ExceptionMapper<JsonParseException> {

		@Override
		public Response toResponse(JsonParseException exception) {
			return unreadable(exception);
		}

	}

	@Priority(100)
	static final class OfJsonMapping implements ExceptionMapper<JsonMappingException> {

		@Override
		public Response toResponse(JsonMappingException exception) {
			return unreadable(exception);
		}

	}

	private static Response unreadable(JsonProcessingException exception) {
		String field = JsonProblems.field(exception);
		return invalid(new InvalidRequestException(field.isEmpty() ? "body" : field, JsonProblems.describe(exception)));
	}

	static Response answer(Throwable exception) {
		for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof AuthorizationException denied) {
				return ExceptionHandlerHelper.getInstance().getResponse(denied);
			}
			if (cause instanceof InvalidRequestException invalid) {
				return invalid(invalid);
			}
			if (cause instanceof StateConflictException conflict) {
				return conflict(conflict);
			}
			if (cause instanceof ProcessEngineException engine && engine.getMessage() != null
					&& engine.getMessage().startsWith(SKIP_AT_START_EVENT)) {
				// thrown by the start builder before any command runs; engine-rest would answer it with a 500
				return invalid(new InvalidRequestException(List.of(
						new FieldViolation("skipCustomListeners", SKIP_ONLY_WITH_INSTRUCTIONS),
						new FieldViolation("skipIoMappings", SKIP_ONLY_WITH_INSTRUCTIONS))));
			}
		}
		return ExceptionHandlerHelper.getInstance().getResponse(exception);
	}

	private static Response conflict(StateConflictException conflict) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "StateConflictException");
		body.put("message", conflict.getMessage());
		body.put("code", null);
		return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
	}

	private static Response invalid(InvalidRequestException invalid) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "InvalidRequestException");
		body.put("message", invalid.getMessage());
		body.put("code", null);
		List<Map<String, String>> violations = invalid.violations()
			.stream()
			.map(v -> Map.of("field", v.field(), "message", v.message()))
			.toList();
		body.put("violations", violations);
		return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
	}

}
