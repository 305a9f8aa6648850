package io.orderflow.cancellation;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A cancellation the order's status does not allow, as an RFC 9457 problem. */
@RestControllerAdvice
class CancellationProblems {

	@ExceptionHandler
	ProblemDetail notPossible(CancellationNotPossibleException refused) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
		problem.setType(URI.create("urn:orderflow:problem:cancellation-not-possible"));
		problem.setTitle("The order cannot be canceled now");
		return problem;
	}

}
