package io.orderflow.cancellation;

import io.orderflow.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A cancellation the order's status does not allow, as an RFC 9457 problem. */
@RestControllerAdvice
class CancellationProblems {

	@ExceptionHandler
	ProblemDetail notPossible(CancellationNotPossibleException refused) {
		return Problems.of(HttpStatus.CONFLICT, "cancellation-not-possible", "The order cannot be canceled now",
				refused.getMessage());
	}

}
