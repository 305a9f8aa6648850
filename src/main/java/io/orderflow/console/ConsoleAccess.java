package io.orderflow.console;

import java.util.Set;

import io.orderflow.OrderProcess.Groups;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** What a signed-in user's groups let them see in the console beyond the goods (docs/security.md). */
final class ConsoleAccess {

	private static final String PREFIX = "GROUP_";

	private ConsoleAccess() {
	}

	/** Cancellations and adjustments: the people who serve the customer. */
	static boolean readsServiceRequests(Authentication user) {
		return inAny(user, Set.of(Groups.SERVICE_AGENTS, Groups.SUPERVISORS, Groups.INTEGRATORS, Groups.ADMINS));
	}

	/** The process instances in Cockpit: administrators. */
	static boolean operates(Authentication user) {
		return inAny(user, Set.of(Groups.ADMINS));
	}

	private static boolean inAny(Authentication user, Set<String> groups) {
		return user != null && user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(authority -> authority.startsWith(PREFIX) && groups.contains(authority.substring(PREFIX.length())));
	}

}
