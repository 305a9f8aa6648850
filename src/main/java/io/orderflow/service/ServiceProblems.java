package io.orderflow.service;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The service stage's refusals as RFC 9457 problems. */
@RestControllerAdvice
class ServiceProblems {

	@ExceptionHandler
	ProblemDetail unknownOrder(UnknownOrderException unknown) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, unknown.getMessage());
		problem.setTitle("Order not found");
		return problem;
	}

}
