package io.orderflow.platform.security;

import static io.orderflow.OrderProcess.Groups.ADMINS;
import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.INTEGRATORS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.core.GrantedAuthority;

/**
 * Which groups read money and customers over {@code /api} (docs/security.md, "Who sees what"): all but
 * the warehouse, whose staff see what they ship and what comes back — never payments, invoices, credit
 * memos or customers' e-mail addresses. {@link SecurityConfig} keeps the warehouse off the endpoints
 * that are all money or customer; an answer that mixes goods and money (a return) leaves the money out
 * for whoever may not read it.
 */
@NamedInterface("security")
public final class ReadAccess {

	static final Set<String> MONEY_READERS = Set.of(INTEGRATORS, SERVICE_AGENTS, SUPERVISORS, FRAUD_ANALYSTS, ADMINS);

	private ReadAccess() {
	}

	/** Invoices, credit memos, cancellations and adjustments: the people who serve the customer. */
	static final Set<String> SERVICE_READERS = Set.of(INTEGRATORS, SERVICE_AGENTS, SUPERVISORS, ADMINS);

	/** Whether the caller may read amounts, payments and customers' contact details. */
	public static boolean mayReadMoney(Authentication caller) {
		return inAny(caller, MONEY_READERS);
	}

	/** Whether the caller may read cancellations and adjustments, and ask for them. */
	public static boolean mayReadServiceRequests(Authentication caller) {
		return inAny(caller, SERVICE_READERS);
	}

	/** Whether the caller operates the engine (Cockpit): an administrator. */
	public static boolean operates(Authentication caller) {
		return inAny(caller, Set.of(ADMINS));
	}

	private static boolean inAny(Authentication caller, Set<String> groups) {
		return caller != null && caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(authority -> authority.startsWith(CamundaIdentityAuthenticationProvider.GROUP_PREFIX)
					&& groups.contains(authority.substring(CamundaIdentityAuthenticationProvider.GROUP_PREFIX.length())));
	}

}
