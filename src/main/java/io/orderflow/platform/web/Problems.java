package io.orderflow.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problems as Orderflow answers them: a type under {@code urn:orderflow:problem:}, a title, a detail. */
public final class Problems {

	private static final String TYPE_PREFIX = "urn:orderflow:problem:";

	private Problems() {
	}

	/** @param type the problem type after {@value #TYPE_PREFIX}, e.g. {@code state-conflict} */
	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(title);
		return problem;
	}

}
