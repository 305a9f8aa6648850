package io.orderflow.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhook phase: a receiver on this machine (the JDK's HttpServer, answering 200 at once) subscribed to every
 * event type, while the same number of orders as the measured run goes through. It keeps, per event, the delay
 * from the event's time (its change's, just before the commit) to its arrival.
 */
final class WebhookLoad implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The phase's figures: orders per minute with the subscription, and the delays in milliseconds. */
	record Result(OrderflowLoad.Result orders, int deliveries, Latencies.Summary delay) {
	}

	private final HttpServer server;

	private final Latencies delays;

	private final AtomicInteger received = new AtomicInteger();

	private WebhookLoad(int capacity) throws IOException {
		this.delays = new Latencies(capacity);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.createContext("/hook", this::receive);
		server.start();
	}

	static Result run(OrderflowLoad orderflow, RestClient integrator, JdbcTemplate jdbc, int orders,
			List<String> types) {
		try (WebhookLoad receiver = new WebhookLoad(orders * 100)) {
			RestClient.Response subscribed = integrator.post("/api/webhooks", Map.of("url",
					"http://127.0.0.1:" + receiver.server.getAddress().getPort() + "/hook", "types", types));
			if (subscribed.status() != 201) {
				throw new IllegalStateException("Could not subscribe the benchmark's receiver: " + subscribed);
			}
			OrderflowLoad.Result result = orderflow.run("HOOK", orders);
			Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
			while (jdbc.queryForObject("select count(*) from webhook_delivery where status = 'PENDING'", Integer.class) > 0
					|| jdbc.queryForObject("select count(*) from order_event where feed_position is null", Integer.class) > 0) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Webhook deliveries still pending 2 minutes after the run");
				}
				Thread.sleep(100);
			}
			jdbc.update("update webhook_subscription set status = 'DISABLED', disabled_reason = 'benchmark done'");
			return new Result(result, receiver.received.get(), receiver.delays.summary());
		}
		catch (IOException e) {
			throw new IllegalStateException("The benchmark's webhook receiver could not start", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while webhooks were delivered", e);
		}
	}

	private void receive(HttpExchange exchange) throws IOException {
		Instant arrived = Instant.now();
		try (InputStream in = exchange.getRequestBody()) {
			JsonNode event = JSON.readTree(in);
			int slot = received.getAndIncrement();
			Duration delay = Duration.between(Instant.parse(event.path("occurredAt").asText()), arrived);
			try {
				delays.record(slot, delay.toNanos());
			}
			catch (ArrayIndexOutOfBoundsException full) {
				// more deliveries than slots: the percentiles stand on the first ones
			}
		}
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
