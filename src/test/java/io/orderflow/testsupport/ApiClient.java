package io.orderflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for full-stack tests: real requests to the running Orderflow, as a given user. */
public final class ApiClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final int port;

	private final String user;

	private final String password;

	private final Map<String, String> headers;

	private ApiClient(int port, String user, String password, Map<String, String> headers) {
		this.port = port;
		this.user = user;
		this.password = password;
		this.headers = headers;
	}

	public static ApiClient on(int port) {
		return new ApiClient(port, null, null, Map.of());
	}

	/** The same client, authenticated as a {@link TestFixture} user. */
	public ApiClient as(String userId) {
		return withCredentials(userId, TestFixture.password(userId));
	}

	public ApiClient withCredentials(String userId, String secret) {
		return new ApiClient(port, userId, secret, headers);
	}

	public ApiClient header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(headers);
		more.put(name, value);
		return new ApiClient(port, user, password, more);
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response post(String path, Object body) {
		String text = body instanceof String s ? s : write(body);
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	public Response put(String path, Object body) {
		String text = body instanceof String s ? s : write(body);
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(text)));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json, application/problem+json");
		if (user != null) {
			builder.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		headers.forEach(builder::header);
		return builder;
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String write(Object body) {
		try {
			return JSON.writeValueAsString(body);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Status, content type and body of one answer; {@link #json()} parses the body. */
	public record Response(int status, String contentType, String body) {

		public JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException e) {
				throw new AssertionError("Not JSON (status " + status + "): " + body, e);
			}
		}

		@Override
		public String toString() {
			return status + " " + contentType + " " + body;
		}

	}

}
