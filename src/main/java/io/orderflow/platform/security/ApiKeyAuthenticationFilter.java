package io.orderflow.platform.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.orderflow.platform.apikey.ApiKey;
import io.orderflow.platform.apikey.ApiKeys;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request that carries {@code Authorization: Bearer <API key>}, with the key's groups; and counts
 * every failed sign-in on {@code /api} and {@code /engine-rest} (a wrong key here, a wrong password in the
 * Basic filter after it) against the client's address, answering {@code 429} with {@code Retry-After} to
 * an address past the limit. A key is never locked out by the engine's lockout of users: it is no user.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiKeys apiKeys;

	private final FailedSignIns failures;

	private final ProblemSecurityHandlers problems;

	ApiKeyAuthenticationFilter(ApiKeys apiKeys, FailedSignIns failures, ProblemSecurityHandlers problems) {
		this.apiKeys = apiKeys;
		this.failures = failures;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader("Authorization");
		if (authorization == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		if (failures.blocked(address)) {
			response.setHeader("Retry-After", Long.toString(failures.retryAfterSeconds()));
			problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed sign-ins from this address: try again later");
			return;
		}
		if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			ApiKey key = apiKeys.authenticate(authorization.substring(BEARER.length()).strip()).orElse(null);
			if (key == null) {
				failures.failed(address);
				problems.commence(request, response, new BadCredentialsException("unknown, revoked or expired key"));
				return;
			}
			List<GrantedAuthority> authorities = key.groups()
				.stream()
				.<GrantedAuthority>map(group -> new SimpleGrantedAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + group))
				.toList();
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(key.principal(), null, authorities));
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			failures.failed(address);
		}
	}

}
