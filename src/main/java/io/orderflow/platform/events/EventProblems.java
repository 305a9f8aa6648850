package io.orderflow.platform.events;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused events as RFC 9457 problems. */
@RestControllerAdvice
class EventProblems {

	@ExceptionHandler
	ProblemDetail notFound(EventSubjectNotFoundException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
		problem.setType(URI.create("urn:orderflow:problem:unknown-event-subject"));
		problem.setTitle("Unknown fulfillment order or shipment");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(EventConflictException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
		problem.setType(URI.create("urn:orderflow:problem:event-conflict"));
		problem.setTitle("Event contradicts the current state");
		return problem;
	}

}
