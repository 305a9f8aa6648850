package io.orderflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The integrator's side: HTTP/1.1 with keep-alive and Basic authentication, JSON in and out. Counts the
 * requests it sends, so that the report can say how much of the load was polling. On several nodes
 * ({@link #alsoOn}) it sends each request to the next node in turn, as a round-robin load balancer does, and a
 * node taken out of the rotation ({@link #withdraw}) gets no more requests: one that fails on it meanwhile is
 * sent again to a node still in the rotation (every request the benchmark sends may be repeated: orders by their
 * reference, events by their id).
 */
final class RestClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final List<String> bases;

	private final AtomicInteger turn = new AtomicInteger();

	private final String authorization;

	private final AtomicLong gets = new AtomicLong();

	private final AtomicLong posts = new AtomicLong();

	RestClient(int port, String user, String password) {
		this(List.of(base(port)), "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	private RestClient(List<String> bases, String authorization) {
		this.bases = new CopyOnWriteArrayList<>(bases);
		this.authorization = authorization;
	}

	/** A client with the same credentials that spreads its requests over these nodes and the one on {@code port}. */
	RestClient alsoOn(int port) {
		List<String> all = new ArrayList<>(bases);
		all.add(base(port));
		return new RestClient(all, authorization);
	}

	/** Sends no more requests to the node on {@code port}. */
	void withdraw(int port) {
		bases.remove(base(port));
	}

	private static String base(int port) {
		return "http://localhost:" + port;
	}

	Response get(String path) {
		gets.incrementAndGet();
		return send(base -> request(base, path).GET(), "GET " + path);
	}

	Response post(String path, Object body) {
		posts.incrementAndGet();
		String json = write(body);
		return send(base -> request(base, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), "POST " + path);
	}

	Response put(String path, Object body) {
		String json = write(body);
		return send(base -> request(base, path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)), "PUT " + path);
	}

	long gets() {
		return gets.get();
	}

	long posts() {
		return posts.get();
	}

	private HttpRequest.Builder request(String base, String path) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(300))
			.header("Accept", "application/json, application/problem+json")
			.header("Authorization", authorization);
	}

	private Response send(Function<String, HttpRequest.Builder> request, String what) {
		String base = next();
		try {
			HttpResponse<String> response = http.send(request.apply(base).build(), HttpResponse.BodyHandlers.ofString());
			return new Response(what, response.statusCode(), response.body());
		}
		catch (IOException e) {
			if (!bases.contains(base) && !bases.isEmpty()) {
				// the node was withdrawn (and stopped) while the request was on its way: another node answers it
				return send(request, what);
			}
			throw new UncheckedIOException(what + " failed on " + base + ": " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " interrupted", e);
		}
	}

	private String next() {
		List<String> now = List.copyOf(bases);
		if (now.isEmpty()) {
			throw new IllegalStateException("No node left to send requests to");
		}
		return now.get(Math.floorMod(turn.getAndIncrement(), now.size()));
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
