package io.orderflow.order;

import io.orderflow.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An order that does not exist, as an RFC 9457 problem, whichever module was asked about it. */
@RestControllerAdvice
class OrderProblems {

	@ExceptionHandler
	ProblemDetail unknownOrder(UnknownOrderException unknown) {
		return Problems.of(HttpStatus.NOT_FOUND, "unknown-order", "Order not found", unknown.getMessage());
	}

}
