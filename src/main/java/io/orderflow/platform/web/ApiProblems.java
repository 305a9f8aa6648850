package io.orderflow.platform.web;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problems for everything the API refuses: unreadable JSON (400, naming the field), bad
 * query parameters (400, each parameter named), and Spring MVC's own refusals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = JsonProblems.field(ex);
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
				"The request body is not a readable JSON document: " + (field.isEmpty() ? "" : field + ": ")
						+ JsonProblems.describe(ex));
		problem.setProperty("errors",
				List.of(Map.of("field", field, "message", JsonProblems.describe(ex))));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A request body that breaks a rule: 422, every invalid field named. */
	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.sorted(java.util.Comparator.comparing(error -> error.get("field")))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
				errors.size() + " field(s) of the request are invalid; nothing was changed");
		problem.setType(URI.create("urn:orderflow:problem:invalid-request"));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.UNPROCESSABLE_ENTITY, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> Map.of("field", parameterName(result.getMethodParameter()), "message",
						String.valueOf(error.getDefaultMessage()))))
			.toList();
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameters", "Invalid request parameters",
				"Invalid request parameters");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler
	ProblemDetail invalidRequest(InvalidRequestException invalid) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, invalid.detail());
		problem.setType(invalid.problemType());
		problem.setTitle(invalid.title());
		problem.setProperty("errors", invalid.violations());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail stateConflict(StateConflictException conflict) {
		return Problems.of(HttpStatus.CONFLICT, "state-conflict", "Not possible in the current state",
				conflict.getMessage());
	}

	/** A path or query value of the wrong form: 400 naming the parameter and saying what it accepts. */
	@ExceptionHandler
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException mismatch) {
		String accepted = accepted(mismatch);
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameters", "Invalid request parameters",
				"Parameter '" + mismatch.getName() + "' has an invalid value: it " + accepted);
		problem.setProperty("errors", List.of(Map.of("field", mismatch.getName(), "message",
				"invalid value '" + mismatch.getValue() + "': " + accepted)));
		return problem;
	}

	/** What a parameter of the mismatched type accepts, e.g. "must be a UUID such as ...". */
	static String accepted(MethodArgumentTypeMismatchException mismatch) {
		for (Throwable cause = mismatch; cause != null; cause = cause.getCause()) {
			if (cause instanceof MalformedValueException malformed) {
				return malformed.getMessage();
			}
		}
		Class<?> type = mismatch.getRequiredType();
		if (type == null) {
			return "has the wrong form";
		}
		if (type.isEnum()) {
			return "must be one of " + Arrays.stream(type.getEnumConstants())
				.map(constant -> ((Enum<?>) constant).name())
				.collect(Collectors.joining(", "));
		}
		if (type == UUID.class) {
			return "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "must be a whole number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		if (type == OffsetDateTime.class || type == Instant.class) {
			return "must be an ISO-8601 date-time with an offset, such as 2026-12-04T10:15:30+01:00";
		}
		return "must be a " + type.getSimpleName();
	}

	/** The name a client uses for a parameter: a header's ({@code Idempotency-Key}), a query's, else the Java name. */
	private static String parameterName(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null) {
			return firstNonEmpty(header.name(), header.value(), parameter.getParameterName());
		}
		RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
		if (query != null) {
			return firstNonEmpty(query.name(), query.value(), parameter.getParameterName());
		}
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null) {
			return firstNonEmpty(path.name(), path.value(), parameter.getParameterName());
		}
		return firstNonEmpty(parameter.getParameterName(), String.valueOf(parameter));
	}

	private static String firstNonEmpty(String... names) {
		for (String name : names) {
			if (name != null && !name.isEmpty()) {
				return name;
			}
		}
		return "";
	}

}
