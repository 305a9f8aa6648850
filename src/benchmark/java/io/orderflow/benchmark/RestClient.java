package io.orderflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The integrator's side: HTTP/1.1 with keep-alive and Basic authentication, JSON in and out. Counts the
 * requests it sends, so that the report can say how much of the load was polling.
 */
final class RestClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String base;

	private final String authorization;

	private final AtomicLong gets = new AtomicLong();

	private final AtomicLong posts = new AtomicLong();

	RestClient(int port, String user, String password) {
		this.base = "http://localhost:" + port;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	Response get(String path) {
		gets.incrementAndGet();
		return send(request(path).GET(), "GET " + path);
	}

	Response post(String path, Object body) {
		posts.incrementAndGet();
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(write(body))), "POST " + path);
	}

	Response put(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(write(body))), "PUT " + path);
	}

	long gets() {
		return gets.get();
	}

	long posts() {
		return posts.get();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(300))
			.header("Accept", "application/json, application/problem+json")
			.header("Authorization", authorization);
	}

	private Response send(HttpRequest.Builder request, String what) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(what, response.statusCode(), response.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(what + " failed: " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " interrupted", e);
		}
	}

	static String write(Object body) {
		try {
			return JSON.writeValueAsString(body);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** One answer: what was asked, the status and the body. */
	record Response(String request, int status, String body) {

		JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException e) {
				throw new UnexpectedAnswerException(this, "the body is not JSON");
			}
		}

		/** This answer, or an exception naming the request, status and body if the status is not one of these. */
		Response expect(int... statuses) {
			for (int status : statuses) {
				if (this.status == status) {
					return this;
				}
			}
			throw new UnexpectedAnswerException(this, "expected " + java.util.Arrays.toString(statuses));
		}

	}

	/** Orderflow answered something the benchmark does not expect: the run stops and reports it. */
	static final class UnexpectedAnswerException extends RuntimeException {

		UnexpectedAnswerException(Response response, String expectation) {
			super(response.request() + " answered " + response.status() + " (" + expectation + "): "
					+ abbreviate(response.body()));
		}

		private static String abbreviate(String body) {
			return body == null ? "" : body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
		}

	}

}
