package io.orderflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint for webhook tests (the JDK's HttpServer on a free port). Each path answers as it is
 * told: 200, a status, 200 after failing the first N requests, or slowly. It keeps every request it got, and
 * checks a Standard Webhooks signature as a consumer would.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** One request as it arrived. */
	public record Received(String path, String id, String timestamp, String signature, String body, int answered) {

		public JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}

	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> statusOf = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	private final Map<String, Long> delayOf = new ConcurrentHashMap<>();

	public WebhookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/", this::handle);
		server.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** {@code path} answers {@code status} from now on. */
	public WebhookReceiver answer(String path, int status) {
		statusOf.put(path, status);
		return this;
	}

	/** {@code path} answers 500 to its next {@code times} requests, then 200. */
	public WebhookReceiver failFirst(String path, int times) {
		failuresLeft.put(path, new AtomicInteger(times));
		return this;
	}

	/** {@code path} takes {@code millis} before it answers. */
	public WebhookReceiver slow(String path, long millis) {
		delayOf.put(path, millis);
		return this;
	}

	/** Every request to {@code path}, in the order they arrived. */
	public List<Received> at(String path) {
		return received.stream().filter(r -> r.path().equals(path)).toList();
	}

	/** The requests to {@code path} that it answered 2xx. */
	public List<Received> acceptedAt(String path) {
		return at(path).stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
	}

	/** Whether the request carries a valid signature of its id, timestamp and body with {@code secret}. */
	public static boolean signedWith(Received request, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			String expected = "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body())
					.getBytes(StandardCharsets.UTF_8)));
			return List.of(request.signature().split(" ")).contains(expected);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		long delay = delayOf.getOrDefault(path, 0L);
		if (delay > 0) {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		AtomicInteger failures = failuresLeft.get(path);
		int status = failures != null && failures.getAndDecrement() > 0 ? 500 : statusOf.getOrDefault(path, 200);
		received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
				exchange.getRequestHeaders().getFirst("webhook-timestamp"),
				exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
