package io.orderflow.platform.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the user that Spring Security authenticated to the process engine, with their groups, for
 * the duration of one {@code /engine-rest} request, so that the engine's authorization checks apply
 * to every call. Without an authenticated user it lets nothing through.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {

	private final IdentityService identityService;

	EngineAuthenticationFilter(IdentityService identityService) {
		this.identityService = identityService;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		List<String> groups = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith(CamundaIdentityAuthenticationProvider.GROUP_PREFIX))
			.map(authority -> authority.substring(CamundaIdentityAuthenticationProvider.GROUP_PREFIX.length()))
			.toList();
		identityService.setAuthentication(authentication.getName(), groups);
		try {
			chain.doFilter(request, response);
		}
		finally {
			identityService.clearAuthentication();
		}
	}

}
