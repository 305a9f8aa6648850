package io.orderflow.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error the servlet container forwards (a failure outside Spring MVC, an unknown path) answers as a
 * problem+json with the error's own status; a browser (asking for HTML) gets a page that says the same in
 * words, and, signed in to the Camunda webapps, which of them the user's group may open (the webapps answer
 * an app the group may not use with a bare 403). Asked for directly, {@code /error} is not a resource: 404,
 * not the 500 of Spring Boot's default error page.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

	/** An app of the webapps (or the console) a user may open, with its address. */
	record App(String name, String path) {
	}

	private static final Map<String, String> WEBAPPS = new LinkedHashMap<>();

	static {
		WEBAPPS.put("tasklist", "Tasklist");
		WEBAPPS.put("cockpit", "Cockpit");
		WEBAPPS.put("admin", "Admin");
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(HttpServletRequest request) {
		HttpStatus status = status(request);
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		UserAuthentication webappUser = WebappSessions.user(request).orElse(null);
		if (webappUser != null) {
			List<App> apps = new ArrayList<>();
			WEBAPPS.forEach((app, name) -> {
				if (webappUser.isAuthorizedForApp(app)) {
					apps.add(new App(name, "/camunda/app/" + app + "/default/"));
				}
			});
			apps.add(new App("Order console", "/console"));
			page.addObject("apps", apps);
			page.addObject("user", webappUser.getName());
		}
		return page;
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = status(request);
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

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return code instanceof Integer number && HttpStatus.resolve(number) != null ? HttpStatus.resolve(number)
				: HttpStatus.NOT_FOUND;
	}

}
