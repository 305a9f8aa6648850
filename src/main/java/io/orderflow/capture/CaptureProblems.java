package io.orderflow.capture;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Capture's refusals as RFC 9457 problems. */
@RestControllerAdvice
class CaptureProblems {

	@ExceptionHandler
	ProblemDetail invalidOrder(InvalidOrderException invalid) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
				invalid.violations().size() + " field(s) of the order are invalid; nothing was stored");
		problem.setType(URI.create("urn:orderflow:problem:invalid-order"));
		problem.setTitle("Invalid order");
		problem.setProperty("errors", invalid.violations());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail keyMismatch(IdempotencyKeyMismatchException mismatch) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, mismatch.getMessage());
		problem.setType(URI.create("urn:orderflow:problem:idempotency-key-reused"));
		problem.setTitle("Idempotency-Key reused with a different request");
		problem.setProperty("errors", java.util.List.of(new Violation("Idempotency-Key",
				"already used with a different request body")));
		return problem;
	}

}
