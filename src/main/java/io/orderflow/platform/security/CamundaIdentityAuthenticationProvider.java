package io.orderflow.platform.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic credentials checked against Camunda's identity service, so that one set of users and
 * groups serves the REST APIs, Tasklist and Cockpit. Each Camunda group becomes the authority
 * {@code GROUP_<id>}. A password that signed in is not checked again for a short time ({@link PasswordSignIns}).
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

	static final String GROUP_PREFIX = "GROUP_";

	private final IdentityService identityService;

	private final PasswordSignIns signIns;

	CamundaIdentityAuthenticationProvider(IdentityService identityService, PasswordSignIns signIns) {
		this.identityService = identityService;
		this.signIns = signIns;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String userId = authentication.getName();
		Object credentials = authentication.getCredentials();
		if (userId == null || userId.isBlank() || !(credentials instanceof String password) || password.isEmpty()) {
			throw new BadCredentialsException("Bad credentials");
		}
		List<GrantedAuthority> authorities = signIns.authorities(userId, password, () -> {
			if (!identityService.checkPassword(userId, password)) {
				throw new BadCredentialsException("Bad credentials");
			}
			return identityService.createGroupQuery()
				.groupMember(userId)
				.list()
				.stream()
				.map(Group::getId)
				.<GrantedAuthority>map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id))
				.toList();
		});
		return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
