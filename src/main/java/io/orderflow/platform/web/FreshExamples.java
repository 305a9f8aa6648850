package io.orderflow.platform.web;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Request examples that create something anew each time they are tried. Swagger UI's "Try it out" sends an
 * operation's example as it stands, and a static example cannot be unique: {@code POST /api/orders} with the
 * example's channel and externalReference would answer, from the second try on, the order someone else created
 * with it (200, replayed). So an example marks the fields that must be new with the extension {@value #UNIQUE}
 * (a comma-separated list of its top-level fields), and every time the OpenAPI document is fetched those fields
 * get a suffix of their own: each reader of the document (each load of Swagger UI) creates orders of their own.
 * The cached document itself is never changed; only the copy being sent.
 */
class FreshExamples extends OncePerRequestFilter {

	/** The extension of an example that names its fields to make unique. */
	static final String UNIQUE = "x-unique";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String documentPath;

	private final ObjectMapper json;

	FreshExamples(String documentPath, ObjectMapper json) {
		this.documentPath = documentPath;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !documentPath.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper document = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, document);
		if (document.getStatus() != HttpServletResponse.SC_OK || document.getContentSize() == 0) {
			document.copyBodyToResponse();
			return;
		}
		JsonNode tree = json.readTree(document.getContentInputStream());
		freshen(tree);
		byte[] fresh = json.writeValueAsBytes(tree);
		document.resetBuffer();
		document.getOutputStream().write(fresh);
		document.copyBodyToResponse();
	}

	/** Gives the fields every marked example of a request body names a suffix of their own. */
	static void freshen(JsonNode document) {
		document.path("paths")
			.forEach(item -> item.forEach(operation -> operation.path("requestBody")
				.path("content")
				.forEach(media -> media.path("examples").forEach(FreshExamples::freshenExample))));
	}

	private static void freshenExample(JsonNode example) {
		if (!example.path(UNIQUE).isTextual() || !(example.path("value") instanceof ObjectNode value)) {
			return;
		}
		String suffix = suffix();
		Arrays.stream(example.path(UNIQUE).asText().split(","))
			.map(String::strip)
			.filter(field -> value.path(field).isTextual())
			.forEach(field -> value.put(field, value.path(field).asText() + "-" + suffix));
	}

	private static String suffix() {
		byte[] bytes = new byte[6];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().withUpperCase().formatHex(bytes);
	}

}
