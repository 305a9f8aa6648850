package io.orderflow.platform.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error the servlet container forwards (a failure outside Spring MVC, an unknown path) answers as a
 * problem+json with the error's own status. Asked for directly, {@code /error} is not a resource: 404, not
 * the 500 of Spring Boot's default error page.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer number && HttpStatus.resolve(number) != null
				? HttpStatus.resolve(number) : HttpStatus.NOT_FOUND;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(status.getReasonPhrase());
		if (code == null) {
			problem.setDetail("There is no resource here");
		}
		if (uri instanceof String path) {
			problem.setInstance(URI.create(path.replace(" ", "%20")));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
