package io.orderflow.platform.events;

import io.orderflow.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused events as RFC 9457 problems. */
@RestControllerAdvice
class EventProblems {

	@ExceptionHandler
	ProblemDetail notFound(EventSubjectNotFoundException e) {
		return Problems.of(HttpStatus.NOT_FOUND, "unknown-event-subject", "Unknown fulfillment order or shipment",
				e.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(EventConflictException e) {
		return Problems.of(HttpStatus.CONFLICT, "event-conflict", "Event contradicts the current state",
				e.getMessage());
	}

}
