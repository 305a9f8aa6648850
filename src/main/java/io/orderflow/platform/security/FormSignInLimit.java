package io.orderflow.platform.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed sign-ins on a login form, counted per client address: past the limit, the form's submissions from
 * that address are not checked at all but sent back to the form with {@code ?slowed} until the window has
 * passed since the last failure. The same limit as on {@code /api} ({@link FailedSignIns}), counted apart.
 */
class FormSignInLimit extends OncePerRequestFilter implements AuthenticationFailureHandler {

	private final FailedSignIns failures;

	private final RequestMatcher signIn;

	private final String slowedUrl;

	private final AuthenticationFailureHandler refused;

	FormSignInLimit(FailedSignIns failures, RequestMatcher signIn, String loginPage) {
		this.failures = failures;
		this.signIn = signIn;
		this.slowedUrl = loginPage + "?slowed";
		this.refused = new SimpleUrlAuthenticationFailureHandler(loginPage + "?error");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (signIn.matches(request) && failures.blocked(request.getRemoteAddr())) {
			response.setHeader("Retry-After", Long.toString(failures.retryAfterSeconds()));
			response.sendRedirect(request.getContextPath() + slowedUrl);
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		failures.failed(request.getRemoteAddr());
		refused.onAuthenticationFailure(request, response, exception);
	}

}
