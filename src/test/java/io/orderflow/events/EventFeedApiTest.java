package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event feed as an integrator pages through it: Given orders going through their lifecycle, Then every
 * event is there once, in commit order, numbered per order, with the data a consumer needs, and a change that
 * rolls back tells nothing.
 */
abstract class EventFeedApiTest extends ServiceApiTest {

	@Autowired
	Orders orders;

	@Autowired
	OrderEvents events;

	@Autowired
	PlatformTransactionManager transactionManager;

	EventFeedApiTest() {
		super("EVT", "Events", "0.00");
	}

	@Test
	void aDeliveredOrderTellsItsLifecycleInOrderNumberedOneByOne() {
		// Given an order taken, allocated, released, shipped, captured and delivered
		String orderId = deliveredOrder(2);

		// When its events are read from the feed
		List<JsonNode> feed = all(integrator, "&orderId=" + orderId);

		// Then they come in the order they happened, numbered 1, 2, 3, ... and positioned in the feed
		assertThat(types(feed)).startsWith("order.created")
			.containsSubsequence("order.created", "payment.authorized", "fulfillment_order.released",
					"fulfillment_order.shipped", "shipment.booked", "payment.captured", "shipment.delivered")
			.contains("order.status_changed");
		for (int i = 0; i < feed.size(); i++) {
			assertThat(feed.get(i).path("sequence").asLong()).as("sequence of event %d", i).isEqualTo(i + 1);
			assertThat(feed.get(i).path("orderId").asText()).isEqualTo(orderId);
			assertThat(feed.get(i).path("version").asInt()).isEqualTo(1);
		}
		assertThat(feed.stream().map(e -> e.path("position").asLong()).toList()).isSorted().doesNotHaveDuplicates();

		// And a release carries what the location needs to pick and ship without calling back
		JsonNode released = feed.stream().filter(e -> e.path("type").asText().equals("fulfillment_order.released")).findFirst().orElseThrow();
		assertThat(released.path("data").path("locationId").asText()).isEqualTo(location);
		assertThat(released.path("data").path("lines").get(0).path("sku").asText()).isEqualTo(sku);
		assertThat(released.path("data").path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
		assertThat(released.path("data").path("shipTo").path("country").asText()).isNotBlank();
		assertThat(released.path("data").path("deliveryMethod").asText()).isNotBlank();
		JsonNode delivered = feed.stream()
			.filter(e -> e.path("type").asText().equals("order.status_changed"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(delivered.path("data").path("to").asText()).isEqualTo("DELIVERED");
	}

	@Test
	void aChangeThatRollsBackTellsNothingAndNoEventIsRecordedOutsideAChange() {
		String orderId = submit(1);
		int before = all(integrator, "&orderId=" + orderId).size();

		// When a status change is made and its transaction rolls back
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			orders.changeStatus(UUID.fromString(orderId), OrderStatus.ON_HOLD, "test", "rolled back");
			tx.setRollbackOnly();
		});

		// Then the feed has no event of it
		assertThat(all(integrator, "&orderId=" + orderId)).hasSize(before);
		assertThatThrownBy(() -> events.publish(UUID.fromString(orderId), EventType.ORDER_HELD, Map.of()))
			.isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void theFeedGivesEveryEventOnceInCursorOrderWhileOrdersAreWritten() throws Exception {
		String start = all(integrator, "&types=order.created").isEmpty() ? "0" : cursorNow();

		// When three clients submit orders while the feed is read in small pages
		ExecutorService writers = Executors.newFixedThreadPool(3);
		List<Future<String>> submitted = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			submitted.add(writers.submit(() -> submit(1)));
		}
		List<JsonNode> read = new ArrayList<>();
		String cursor = start;
		while (!submitted.stream().allMatch(Future::isDone)) {
			cursor = page(cursor, read);
		}
		writers.shutdown();
		Set<String> orderIds = new HashSet<>();
		for (Future<String> order : submitted) {
			orderIds.add(order.get());
		}
		while (!cursor.equals(cursor = page(cursor, read))) {
			// read to the end
		}

		// Then every event of these orders came once, in the order of the cursor
		List<JsonNode> ours = read.stream().filter(e -> orderIds.contains(e.path("orderId").asText())).toList();
		List<String> ids = ours.stream().map(e -> e.path("id").asText()).toList();
		assertThat(ids).doesNotHaveDuplicates();
		assertThat(read.stream().map(e -> e.path("position").asLong()).toList()).isSorted().doesNotHaveDuplicates();
		List<String> stored = jdbc.sql("select event_id from order_event where order_id in (:ids)")
			.param("ids", orderIds.stream().map(UUID::fromString).toList())
			.query(String.class)
			.list();
		assertThat(ids).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(ours.stream().filter(e -> e.path("type").asText().equals("order.created"))).hasSize(24);
	}

	@Test
	void theFeedCanBeNarrowedToTypes() {
		deliveredOrder(1);
		List<JsonNode> shipped = all(integrator, "&types=fulfillment_order.shipped,shipment.delivered");
		assertThat(shipped).isNotEmpty();
		assertThat(types(shipped)).allMatch(type -> type.equals("fulfillment_order.shipped") || type.equals("shipment.delivered"));
	}

	@Test
	void ordersChangedSinceATimeAreListedOldestChangeFirst() {
		// Given an order taken, and the time after it
		String first = submit(1);
		String since = OffsetDateTime.parse(integrator.get("/api/orders/" + first).json().path("updatedAt").asText())
			.plusNanos(1000)
			.toString();

		// When another order is taken and the first one changes
		String second = submit(1);
		Jobs.runDue(engine);

		// Then both are listed as changed since, oldest change first
		JsonNode changed = integrator.get("/api/orders?size=200&updatedSince=" + since).json().path("content");
		List<String> ids = StreamSupport.stream(changed.spliterator(), false).map(o -> o.path("id").asText()).toList();
		assertThat(ids).contains(first, second);
		List<OffsetDateTime> times = StreamSupport.stream(changed.spliterator(), false)
			.map(o -> OffsetDateTime.parse(o.path("updatedAt").asText()))
			.toList();
		assertThat(times).isSorted();
		assertThat(integrator.get("/api/orders?updatedSince=" + OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(1)).json()
			.path("content")).isEmpty();
	}

	@Test
	void aBadCursorTypeOrLimitIsRefusedNamingEach() {
		Response bad = integrator.get("/api/events?after=yesterday&types=order.exploded&limit=0");
		assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
		assertThat(fields(bad)).containsExactlyInAnyOrder("after", "types", "limit");
		assertThat(ApiClient.on(port).as("warehouse").get("/api/events").status()).isEqualTo(403);
	}

	// --- helpers ------------------------------------------------------------------------------

	private String cursorNow() {
		String cursor = "0";
		while (!cursor.equals(cursor = page(cursor, new ArrayList<>()))) {
			// to the end
		}
		return cursor;
	}

	/** Reads one page of 7 after {@code cursor} into {@code read}; the next cursor. */
	private String page(String cursor, List<JsonNode> read) {
		Response page = integrator.get("/api/events?limit=7&after=" + cursor);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		page.json().path("events").forEach(read::add);
		return page.json().path("next").asText();
	}

	/** Every event the feed has with these parameters, from its beginning. */
	static List<JsonNode> all(ApiClient client, String parameters) {
		List<JsonNode> events = new ArrayList<>();
		String cursor = "0";
		while (true) {
			Response page = client.get("/api/events?limit=1000&after=" + cursor + parameters);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			List<JsonNode> got = StreamSupport.stream(page.json().path("events").spliterator(), false).toList();
			if (got.isEmpty()) {
				return events;
			}
			events.addAll(got);
			cursor = page.json().path("next").asText();
		}
	}

	static List<String> types(List<JsonNode> events) {
		return events.stream().map(e -> e.path("type").asText()).toList();
	}

}
