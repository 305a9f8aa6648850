package io.orderflow.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request body says what it is: a {@code Content-Type} with a wildcard ({@code *}{@code /*}) or one that
 * cannot be read is refused with a 415 problem before anything reads the body (Spring MVC would fail on it
 * with a 500).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class WildcardContentTypeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType != null && !contentType.isBlank()) {
			String refusal = null;
			try {
				MediaType type = MediaType.parseMediaType(contentType);
				if (type.isWildcardType() || type.isWildcardSubtype()) {
					refusal = "Content-Type " + contentType + " is not a type: send application/json";
				}
			}
			catch (InvalidMediaTypeException unreadable) {
				refusal = "Content-Type " + contentType + " cannot be read: send application/json";
			}
			if (refusal != null) {
				response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.getWriter()
					.write("{\"type\":\"urn:orderflow:problem:unsupported-media-type\",\"title\":\"Unsupported Media Type\","
							+ "\"status\":415,\"detail\":\"" + refusal.replace("\\", "\\\\").replace("\"", "\\\"")
							+ "\",\"errors\":[{\"field\":\"Content-Type\",\"message\":\"send application/json\"}]}");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
