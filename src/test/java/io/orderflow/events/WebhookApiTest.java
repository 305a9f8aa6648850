package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.TestClock;
import io.orderflow.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Webhooks as a receiver sees them, with a real HTTP endpoint that answers 200, fails, answers slowly or
 * says 410 Gone: Given a subscription, Then every event arrives at least once, in order per order, signed;
 * a failing target gets its events again later and in order, a slow one holds up nobody else, a gone one is
 * no longer called, and what could not be delivered is listed and can be sent again.
 */
abstract class WebhookApiTest extends ServiceApiTest {

	static final List<String> ORDER_TYPES = List.of("order.created", "order.status_changed", "payment.authorized",
			"fulfillment_order.released", "fulfillment_order.shipped", "shipment.booked", "payment.captured",
			"shipment.delivered");

	@Autowired
	EventSequencer sequencer;

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	WebhookRepository deliveries;

	@Autowired
	TestClock clock;

	WebhookReceiver receiver;

	WebhookApiTest() {
		super("WHK", "Webhooks", "0.00");
	}

	@BeforeEach
	void receiverUp() throws Exception {
		receiver = new WebhookReceiver();
		// subscriptions of earlier tests point at receivers that are gone: not this test's business
		jdbc.sql("update webhook_subscription set status = 'DISABLED' where status = 'ACTIVE'").update();
	}

	@AfterEach
	void receiverDown() {
		receiver.close();
		clock.reset();
	}

	@Test
	void everyEventOfALifecycleArrivesOnceInOrderSigned() {
		// Given a subscription to the order's events
		JsonNode subscription = subscribe("/ok", ORDER_TYPES, null);
		String secret = subscription.path("secret").asText();
		assertThat(secret).startsWith("whsec_");

		// When an order goes from intake to delivery and the deliveries are sent
		String orderId = deliveredOrder(1);
		deliverAll();

		// Then its events arrived once each, in the order of their sequence, each signed with the secret
		List<WebhookReceiver.Received> got = ofOrder(receiver.acceptedAt("/ok"), orderId);
		assertThat(got.stream().map(r -> r.json().path("type").asText()).toList())
			.containsSubsequence("order.created", "payment.authorized", "fulfillment_order.released",
					"fulfillment_order.shipped", "shipment.booked", "payment.captured", "shipment.delivered");
		assertThat(got.stream().map(r -> r.json().path("sequence").asLong()).toList()).isSorted().doesNotHaveDuplicates();
		assertThat(got).allSatisfy(r -> {
			assertThat(WebhookReceiver.signedWith(r, secret)).as("signature of %s", r.id()).isTrue();
			assertThat(r.json().path("id").asText()).isEqualTo(r.id());
			assertThat(r.json().has("position")).isFalse();
		});
		assertThat(got.stream().map(WebhookReceiver.Received::id).toList()).doesNotHaveDuplicates();
		assertThat(got).hasSize(stored(orderId, ORDER_TYPES));
	}

	@Test
	void aFailingTargetGetsItsEventsAgainLaterAndALaterEventOfTheOrderWaits() {
		// Given a target that fails its first three requests
		receiver.failFirst("/flaky", 3);
		JsonNode subscription = subscribe("/flaky", ORDER_TYPES, null);

		// When an order is delivered and the deliveries are tried, with the waits between tries passing
		String orderId = deliveredOrder(1);
		for (int round = 0; round < 4; round++) {
			sequencer.sequence();
			dispatcher.dispatchAndWait();
			// no later event of the order went out while the first one was failing
			assertThat(ofOrder(receiver.at("/flaky"), orderId)).allSatisfy(
					r -> assertThat(r.json().path("sequence").asLong()).isEqualTo(1));
			clock.advance(Duration.ofHours(1));
		}
		deliverAll();

		// Then every event arrived, the first after four tries, and all in order
		List<WebhookReceiver.Received> accepted = ofOrder(receiver.acceptedAt("/flaky"), orderId);
		assertThat(accepted).hasSize(stored(orderId, ORDER_TYPES));
		assertThat(accepted.stream().map(r -> r.json().path("sequence").asLong()).toList()).isSorted();
		JsonNode first = deliveriesOf(subscription, "DELIVERED").get(0);
		assertThat(first.path("attempts").asInt()).isEqualTo(4);
	}

	@Test
	void aSlowTargetIsCutOffAndHoldsUpNoOtherSubscription() throws Exception {
		// Given a target that takes three seconds to answer (the timeout is one) and one that answers at once
		receiver.slow("/slow", 3000);
		subscribe("/slow", ORDER_TYPES, null);
		subscribe("/fast", ORDER_TYPES, null);

		// When an order is taken and rounds go out without waiting for the slow one
		String orderId = submit(1);
		sequencer.sequence();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (ofOrder(receiver.acceptedAt("/fast"), orderId).size() < stored(orderId, ORDER_TYPES)
				&& System.nanoTime() < deadline) {
			dispatcher.dispatch();
			Thread.sleep(50);
		}

		// Then the fast target has the order's events while the slow one was cut off and is tried again later
		assertThat(ofOrder(receiver.acceptedAt("/fast"), orderId)).hasSize(stored(orderId, ORDER_TYPES));
		Thread.sleep(1500);
		List<Map<String, Object>> slow = jdbc.sql("""
				select d.status, d.last_error from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where s.target_url like '%/slow' and s.status = 'ACTIVE' and d.attempts > 0""").query().listOfRows();
		assertThat(slow).isNotEmpty().allSatisfy(row -> {
			assertThat(row.get("status")).isEqualTo("PENDING");
			assertThat(String.valueOf(row.get("last_error"))).contains("no answer within");
		});
	}

	@Test
	void aTargetThatAnswersGoneDisablesItsSubscription() {
		receiver.answer("/gone", 410);
		JsonNode subscription = subscribe("/gone", ORDER_TYPES, null);

		String orderId = submit(1);
		deliverAll();
		deliveredOrder(1);
		deliverAll();

		// one request, then nothing more: the subscription is disabled and says why
		assertThat(receiver.at("/gone")).hasSize(1);
		assertThat(ofOrder(receiver.at("/gone"), orderId)).hasSize(1);
		JsonNode now = integrator.get("/api/webhooks/" + subscription.path("id").asText()).json();
		assertThat(now.path("status").asText()).isEqualTo("DISABLED");
		assertThat(now.path("disabledReason").asText()).contains("410");
		assertThat(now.has("secret")).isFalse();
	}

	@Test
	void whatCouldNotBeDeliveredIsDeadLetteredListedAndSentAgainOnRequest() {
		// Given a target that fails for more than a day
		receiver.answer("/down", 503);
		JsonNode subscription = subscribe("/down", List.of("order.created"), null);
		String orderId = submit(1);
		deliverAll();
		clock.advance(Duration.ofHours(25));
		deliverAll();

		// Then the delivery is dead-lettered and listed as such
		List<JsonNode> dead = deliveriesOf(subscription, "DEAD");
		assertThat(dead).hasSize(1);
		assertThat(dead.get(0).path("orderId").asText()).isEqualTo(orderId);
		assertThat(dead.get(0).path("lastStatus").asInt()).isEqualTo(503);

		// When the target is back and the delivery is sent again
		receiver.answer("/down", 200);
		Response again = integrator.post("/api/webhooks/" + subscription.path("id").asText() + "/deliveries/"
				+ dead.get(0).path("id").asText() + "/redeliver", Map.of());
		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		deliverAll();

		// Then it arrives
		assertThat(ofOrder(receiver.acceptedAt("/down"), orderId)).hasSize(1);
		assertThat(deliveriesOf(subscription, "DELIVERED")).hasSize(1);
	}

	@Test
	void aDeliveryClaimedByANodeThatDiedIsSentOnceItsClaimRunsOut() {
		JsonNode subscription = subscribe("/ok", List.of("order.created"), null);
		String orderId = submit(1);
		sequencer.sequence();
		// a node claimed the delivery and died before sending it
		long id = deliveriesOf(subscription, "PENDING").get(0).path("id").asLong();
		OffsetDateTime now = OffsetDateTime.now(clock);
		assertThat(deliveries.claim(id, now, now.plusMinutes(1))).isTrue();

		dispatcher.dispatchAndWait();
		assertThat(ofOrder(receiver.at("/ok"), orderId)).isEmpty();

		clock.advance(Duration.ofMinutes(2));
		dispatcher.dispatchAndWait();
		dispatcher.dispatchAndWait();
		assertThat(ofOrder(receiver.at("/ok"), orderId)).hasSize(1);
	}

	@Test
	void aLocationFilterSendsOnlyThatLocationsFulfillmentOrders() {
		JsonNode mine = subscribe("/mine", List.of("fulfillment_order.released"), location);
		JsonNode elsewhere = subscribe("/elsewhere", List.of("fulfillment_order.released"), "NOWHERE-" + run);
		String orderId = deliveredOrder(1);
		deliverAll();
		assertThat(ofOrder(receiver.acceptedAt("/mine"), orderId)).hasSize(1);
		assertThat(ofOrder(receiver.at("/elsewhere"), orderId)).isEmpty();
		assertThat(mine.path("locationId").asText()).isEqualTo(location);
		assertThat(elsewhere.path("id").asText()).isNotBlank();
	}

	@Test
	void badSubscriptionsAreRefusedNamingEveryFieldAndARetryWithTheKeyCreatesOne() {
		Response bad = integrator.post("/api/webhooks",
				Map.of("url", "ftp://example.com/x", "types", List.of("order.created", "order.exploded"), "locationId",
						"WH-1"));
		assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
		assertThat(fields(bad)).containsExactlyInAnyOrder("url", "types[1]", "locationId");

		var keyed = integrator.header("Idempotency-Key", "hook-" + run);
		Map<String, Object> body = Map.of("url", receiver.url("/ok"), "types", List.of("order.created"));
		Response first = keyed.post("/api/webhooks", body);
		Response retry = keyed.post("/api/webhooks", body);
		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
		assertThat(retry.json().path("secret").asText()).isEqualTo(first.json().path("secret").asText());
	}

	// --- helpers ------------------------------------------------------------------------------

	private JsonNode subscribe(String path, List<String> types, String locationId) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("url", receiver.url(path), "types", types));
		if (locationId != null) {
			body.put("locationId", locationId);
		}
		Response created = integrator.post("/api/webhooks", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	/** Rounds until nothing due is left. */
	private void deliverAll() {
		sequencer.sequence();
		for (int round = 0; round < 100 && dispatcher.dispatchAndWait() > 0; round++) {
			sequencer.sequence();
		}
	}

	private List<JsonNode> deliveriesOf(JsonNode subscription, String status) {
		Response page = integrator.get("/api/webhooks/" + subscription.path("id").asText() + "/deliveries?status=" + status);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return java.util.stream.StreamSupport.stream(page.json().spliterator(), false).toList();
	}

	private static List<WebhookReceiver.Received> ofOrder(List<WebhookReceiver.Received> received, String orderId) {
		return received.stream().filter(r -> r.json().path("orderId").asText().equals(orderId)).toList();
	}

	private int stored(String orderId, List<String> types) {
		return jdbc.sql("select count(*) from order_event where order_id = :id and event_type in (:types)")
			.param("id", UUID.fromString(orderId))
			.param("types", types)
			.query(Integer.class)
			.single();
	}

}
