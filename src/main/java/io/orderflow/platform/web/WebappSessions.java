package io.orderflow.platform.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** Who is signed in to the Camunda webapps in a request's session: their own login, not Spring Security's. */
public final class WebappSessions {

	private WebappSessions() {
	}

	/** The user signed in to the webapps in this request's session, if anyone (no session is made). */
	public static Optional<UserAuthentication> user(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Authentications signedIn = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
		return signedIn == null ? Optional.empty() : signedIn.getAuthentications().stream().findFirst();
	}

}
