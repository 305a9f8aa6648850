package io.orderflow.order;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.platform.web.WebappSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task's form is opened: Tasklist (through the webapps' engine API) and clients of {@code /engine-rest} read
 * its variables with {@code GET …/task/{id}/form-variables}. Before they are read, the order's context on the
 * task is brought up to date ({@link OrderContextForTask#refresh}), for a signed-in caller only.
 */
@Component
class TaskFormRefresh extends OncePerRequestFilter {

	private static final Pattern FORM_VARIABLES = Pattern
		.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/form-variables$");

	private final OrderContextForTask context;

	TaskFormRefresh(OrderContextForTask context) {
		this.context = context;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !request.getRequestURI().endsWith("/form-variables");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher task = FORM_VARIABLES.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if (task.matches() && signedIn(request)) {
			context.refresh(task.group(1));
		}
		chain.doFilter(request, response);
	}

	/** Signed in to the API (Spring Security) or to the webapps (their own session). */
	private static boolean signedIn(HttpServletRequest request) {
		Authentication api = SecurityContextHolder.getContext().getAuthentication();
		if (api != null && api.isAuthenticated() && !(api instanceof AnonymousAuthenticationToken)) {
			return true;
		}
		return WebappSessions.user(request).isPresent();
	}

}
