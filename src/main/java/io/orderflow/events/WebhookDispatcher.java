package io.orderflow.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.platform.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends webhook deliveries that are due, on every node. A node claims each delivery before it sends it (one
 * node wins a claim), so that two nodes never send the same one; a node that dies while sending leaves its
 * claim to run out, and the delivery is sent again. Each delivery is signed the Standard Webhooks way and sent
 * with a timeout; at most {@code perSubscription} at once per subscription, so that a slow target does not
 * hold up the others. 2xx: delivered. 410 Gone: dead, and the subscription is disabled. Anything else, a
 * timeout or no connection: tried again after a growing wait, dead once the event is older than
 * {@code maxAge}.
 */
@Component
class WebhookDispatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final WebhookRepository repository;

	private final Webhooks webhooks;

	private final WebhookProperties properties;

	private final ObjectMapper json;

	private final TransactionTemplate transaction;

	private final HttpClient http;

	private final ExecutorService senders;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Map<UUID, AtomicInteger> inFlightPerSubscription = new ConcurrentHashMap<>();

	WebhookDispatcher(WebhookRepository repository, Webhooks webhooks, WebhookProperties properties, ObjectMapper json,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.webhooks = webhooks;
		this.properties = properties;
		this.json = json;
		this.transaction = new TransactionTemplate(transactionManager);
		this.senders = Executors.newFixedThreadPool(properties.senders(), runnable -> {
			Thread thread = new Thread(runnable, "webhook-sender");
			thread.setDaemon(true);
			return thread;
		});
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Claims what is due and starts sending it. @return the sends started, to wait for (tests do) */
	List<CompletableFuture<Void>> dispatch() {
		List<CompletableFuture<Void>> started = new ArrayList<>();
		int free = properties.senders() - inFlight.get();
		if (free <= 0) {
			return started;
		}
		OffsetDateTime now = webhooks.now();
		for (long id : repository.due(now, free * 2)) {
			if (started.size() >= free) {
				break;
			}
			WebhookRepository.Outgoing outgoing = repository.outgoing(id).orElse(null);
			if (outgoing == null) {
				continue;
			}
			AtomicInteger ofSubscription = inFlightPerSubscription.computeIfAbsent(outgoing.subscriptionId(),
					key -> new AtomicInteger());
			if (ofSubscription.get() >= properties.perSubscription()
					|| !repository.claim(id, now, now.plus(properties.claim()))) {
				continue;
			}
			ofSubscription.incrementAndGet();
			inFlight.incrementAndGet();
			started.add(CompletableFuture.runAsync(() -> send(outgoing), senders).whenComplete((done, failure) -> {
				ofSubscription.decrementAndGet();
				inFlight.decrementAndGet();
				if (failure != null) {
					log.warn("Webhook delivery {} could not be recorded; it is sent again when its claim runs out",
							outgoing.id(), failure);
				}
			}));
		}
		return started;
	}

	/** One round, waiting for its sends: what tests and the benchmark call. @return how many were sent */
	int dispatchAndWait() {
		List<CompletableFuture<Void>> started = dispatch();
		CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
		return started.size();
	}

	private void send(WebhookRepository.Outgoing outgoing) {
		String body = body(outgoing);
		long timestamp = Instant.now().getEpochSecond();
		String eventId = outgoing.eventId().toString();
		Integer status = null;
		String error = null;
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(outgoing.url()))
				.timeout(properties.timeout())
				.header("Content-Type", "application/json")
				.header("User-Agent", "Orderflow-Webhooks")
				.header("webhook-id", eventId)
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", WebhookSignature.sign(outgoing.secret(), eventId, timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (HttpTimeoutException e) {
			error = "no answer within " + properties.timeout();
		}
		catch (IOException | IllegalArgumentException e) {
			error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
		record(outgoing, status, error);
	}

	private void record(WebhookRepository.Outgoing outgoing, Integer status, String error) {
		String lastError = Text.atMost(error, 1000);
		transaction.executeWithoutResult(tx -> {
			OffsetDateTime now = webhooks.now();
			if (status != null && status >= 200 && status < 300) {
				repository.tried(outgoing.id(), "DELIVERED", now, status, null, now);
			}
			else if (status != null && status == 410) {
				repository.tried(outgoing.id(), "DEAD", now, status, "410 Gone: the subscription was disabled", null);
				repository.setStatus(outgoing.subscriptionId(), "DISABLED", "the target answered 410 Gone", now);
			}
			else {
				OffsetDateTime next = now.plus(properties.backoff(outgoing.attempts() + 1));
				boolean dead = next.isAfter(outgoing.createdAt().plus(properties.maxAge()));
				repository.tried(outgoing.id(), dead ? "DEAD" : "PENDING", next, status,
						lastError == null ? "answered " + status : lastError, null);
			}
		});
	}

	/** The event as consumers receive it (docs/events.md), without its place in the feed. */
	private String body(WebhookRepository.Outgoing outgoing) {
		try {
			ObjectNode event = json.createObjectNode();
			event.put("id", outgoing.eventId().toString());
			event.put("type", outgoing.type());
			event.put("version", outgoing.version());
			event.put("occurredAt", outgoing.occurredAt().toInstant().toString());
			event.put("orderId", outgoing.orderId().toString());
			event.put("orderNumber", outgoing.orderNumber());
			event.put("sequence", outgoing.sequence());
			event.set("data", json.readTree(outgoing.payload()));
			return json.writeValueAsString(event);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Event " + outgoing.eventId() + " holds no JSON", e);
		}
	}

	@Override
	public void destroy() {
		senders.shutdownNow();
	}

	/**
	 * The node's dispatching, where scheduling is on: a thread of its own that starts what is due, and as soon as
	 * a send ends looks again; when nothing is due it waits {@code dispatchInterval}.
	 */
	@Component
	@ConditionalOnProperty(name = "orderflow.scheduling.enabled", havingValue = "true", matchIfMissing = true)
	static class Loop implements SmartLifecycle {

		private final WebhookDispatcher dispatcher;

		private final long idleMillis;

		private volatile Thread thread;

		Loop(WebhookDispatcher dispatcher, WebhookProperties properties) {
			this.dispatcher = dispatcher;
			this.idleMillis = Math.max(1, properties.dispatchInterval().toMillis());
		}

		@Override
		public void start() {
			Thread loop = new Thread(this::run, "webhook-dispatcher");
			loop.setDaemon(true);
			thread = loop;
			loop.start();
		}

		@Override
		public void stop() {
			Thread loop = thread;
			thread = null;
			if (loop != null) {
				loop.interrupt();
			}
		}

		@Override
		public boolean isRunning() {
			return thread != null;
		}

		private void run() {
			while (thread == Thread.currentThread()) {
				try {
					List<CompletableFuture<Void>> started = dispatcher.dispatch();
					if (started.isEmpty()) {
						Thread.sleep(idleMillis);
					}
					else {
						CompletableFuture.anyOf(started.toArray(CompletableFuture[]::new))
							.get(idleMillis, TimeUnit.MILLISECONDS);
					}
				}
				catch (InterruptedException e) {
					return;
				}
				catch (TimeoutException | ExecutionException e) {
					// a send still under way, or one that failed: it records itself; look again
				}
				catch (RuntimeException e) {
					log.warn("Webhook dispatching failed; trying again", e);
					try {
						Thread.sleep(idleMillis);
					}
					catch (InterruptedException interrupted) {
						return;
					}
				}
			}
		}

	}

}
