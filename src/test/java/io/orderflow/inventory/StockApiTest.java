package io.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrderStatus;
import io.orderflow.fulfillment.FulfillmentShipTos;
import io.orderflow.order.Address;
import io.orderflow.service.ServiceApiTest;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.Jobs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stock over REST as warehouse systems send it: Given counts and movements, Then a level never rolls back to
 * an older count, a movement counts once, safety stock is never promised, availability is what may be
 * promised, a count below what is reserved sends the newest fulfillment orders elsewhere, and a location reads
 * its work queue, each entry as the fulfillment order reads alone.
 */
abstract class StockApiTest extends ServiceApiTest {

	static final OffsetDateTime COUNTED = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusHours(1);

	@Autowired
	FulfillmentShipTos shipTos;

	StockApiTest() {
		super("STK", "Stock", "0.00");
	}

	@Test
	void aCountSetsTheLevelAndAnOlderOneArrivingLateChangesNothing() {
		// When a count of 7 arrives, then an older count of 3, then a newer one of 5
		Response first = level(location, sku, 7, COUNTED);
		Response late = level(location, sku, 3, COUNTED.minusMinutes(30));
		Response repeated = level(location, sku, 7, COUNTED);

		// Then the first applies, the older and the repeated ones are answered STALE and change nothing
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().path("outcome").asText()).isEqualTo("APPLIED");
		assertThat(late.json().path("outcome").asText()).isEqualTo("STALE");
		assertThat(repeated.json().path("outcome").asText()).isEqualTo("STALE");
		assertThat(late.json().path("level").path("onHand").asInt()).isEqualTo(7);
		Response newer = level(location, sku, 5, COUNTED.plusMinutes(10));
		assertThat(newer.json().path("outcome").asText()).isEqualTo("APPLIED");
		assertThat(newer.json().path("level").path("onHand").asInt()).isEqualTo(5);
	}

	@Test
	void aMovementCountsOnceByItsIdAndNeverTakesMoreThanIsOnHand() {
		String path = "/api/locations/" + location + "/stock/" + sku + "/movements";
		Map<String, Object> received = Map.of("id", "in-" + run, "kind", "RECEIVED", "quantity", 5, "reason", "PO 77");

		// When goods in are reported twice with one id
		Response first = integrator.post(path, received);
		Response retry = integrator.post(path, received);

		// Then they count once
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().path("outcome").asText()).isEqualTo("APPLIED");
		assertThat(first.json().path("level").path("onHand").asInt()).isEqualTo(15);
		assertThat(retry.json().path("outcome").asText()).isEqualTo("DUPLICATE");
		assertThat(retry.json().path("level").path("onHand").asInt()).isEqualTo(15);

		// And damage beyond what is on hand is refused, naming the quantity, changing nothing
		Response tooMuch = integrator.post(path, Map.of("id", "dmg-" + run, "kind", "DAMAGED", "quantity", 16));
		assertThat(tooMuch.status()).isEqualTo(422);
		assertThat(fields(tooMuch)).containsExactly("quantity");
		Response corrected = integrator.post(path, Map.of("id", "fix-" + run, "kind", "ADJUSTED", "quantity", -2));
		assertThat(corrected.json().path("level").path("onHand").asInt()).isEqualTo(13);
	}

	@Test
	void aMovementMayTakeItsIdFromTheIdempotencyKeyAndAnIdReusedForAnotherMovementIsRefused() {
		String path = "/api/locations/" + location + "/stock/" + sku + "/movements";
		ApiClient keyed = integrator.header("Idempotency-Key", "found-" + run);

		// When a movement without an id is sent twice with one Idempotency-Key
		Response first = keyed.post(path, Map.of("kind", "FOUND", "quantity", 2));
		Response retry = keyed.post(path, Map.of("kind", "FOUND", "quantity", 2));

		// Then it counts once
		assertThat(first.json().path("outcome").asText()).as(first.toString()).isEqualTo("APPLIED");
		assertThat(retry.json().path("outcome").asText()).isEqualTo("DUPLICATE");
		assertThat(retry.json().path("level").path("onHand").asInt()).isEqualTo(12);

		// And the same id for another quantity, or an id that contradicts the header, is refused and changes nothing
		Response reused = keyed.post(path, Map.of("kind", "FOUND", "quantity", 3));
		assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
		assertThat(fields(reused)).containsExactly("Idempotency-Key");
		Response contradicting = keyed.post(path, Map.of("id", "other-" + run, "kind", "FOUND", "quantity", 1));
		assertThat(fields(contradicting)).containsExactly("id");
		assertThat(availableAt(location)).isEqualTo(12);
	}

	@Test
	void badStockInputIsRefusedNamingEveryFieldAndChangesNothing() {
		Response level = integrator.put("/api/locations/" + location + "/stock/" + sku,
				Map.of("onHand", -1, "safetyStock", -2));
		assertThat(level.status()).as(level.toString()).isEqualTo(422);
		assertThat(fields(level)).containsExactlyInAnyOrder("onHand", "safetyStock", "asOf");
		Response future = level(location, sku, 1, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
		assertThat(fields(future)).containsExactly("asOf");
		Response movement = integrator.post("/api/locations/" + location + "/stock/" + sku + "/movements",
				Map.of("kind", "STOLEN", "quantity", 0));
		assertThat(fields(movement)).containsExactlyInAnyOrder("id", "kind", "quantity");
		assertThat(integrator.put("/api/locations/NO-SUCH-" + run + "/stock/" + sku,
				Map.of("onHand", 1, "asOf", COUNTED.toString())).status()).isEqualTo(404);
		assertThat(availableAt(location)).isEqualTo(10);
	}

	@Test
	void safetyStockIsNeverPromisedNorAllocated() {
		// Given 10 on hand of which 9 are safety stock
		Map<String, Object> body = Map.of("onHand", 10, "safetyStock", 9, "asOf", COUNTED.toString());
		assertThat(integrator.put("/api/locations/" + location + "/stock/" + sku, body).status()).isEqualTo(200);
		assertThat(availableAt(location)).isEqualTo(1);

		// When two orders of 1 come in
		String first = submit(1);
		String second = submit(1);
		Jobs.runDue(engine);

		// Then only the first is allocated, and nothing more may be promised
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(first))).hasSize(1);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(second))).isEmpty();
		assertThat(availableAt(location)).isZero();
		fulfillmentOrders.ofOrder(UUID.fromString(first)).forEach(this::shipAndDeliver);
		integrator.post("/api/orders/" + second + "/cancellations", Map.of("wholeOrder", true, "reason", "test over"));
		Jobs.runDue(engine);
	}

	@Test
	void availabilityIsWhatMayBePromisedPerLocationAtLocationsThatShip() {
		// Given a second location in Austria with 4, and a third that does not ship with 50
		String vienna = "STK-AT-" + run;
		String closed = "STK-NO-" + run;
		integrator.put("/api/locations/" + vienna, Map.of("name", "Vienna", "type", "STORE", "priority", 5,
				"country", "AT"));
		integrator.put("/api/locations/" + closed, Map.of("name", "Closed", "type", "STORE", "priority", 5,
				"country", "DE", "ships", false));
		level(vienna, sku, 4, COUNTED);
		level(closed, sku, 50, COUNTED);

		// Then the total is 14, per location as each holds it; by country only that country's
		JsonNode all = integrator.get("/api/availability?sku=" + sku + "&sku=NO-SUCH-SKU").json();
		assertThat(all.get(0).path("available").asInt()).isEqualTo(14);
		List<String> locations = new ArrayList<>();
		all.get(0).path("locations").forEach(at -> locations.add(at.path("locationId").asText()));
		assertThat(locations).containsExactlyInAnyOrder(location, vienna);
		assertThat(all.get(1).path("available").asInt()).isZero();
		JsonNode austria = integrator.get("/api/availability?sku=" + sku + "&country=AT").json();
		assertThat(austria.get(0).path("available").asInt()).isEqualTo(4);
		assertThat(ApiClient.on(port).as("warehouse").get("/api/availability?sku=" + sku).status()).isEqualTo(200);
		assertThat(integrator.get("/api/availability").status()).isEqualTo(400);
	}

	@Test
	void aCountBelowWhatIsReservedSendsTheNewestFulfillmentOrderElsewhere() {
		// Given a preferred store with 2, both reserved by two orders, and the usual warehouse with 10
		String store = "STK-ST-" + run;
		integrator.put("/api/locations/" + store, Map.of("name", "Preferred store", "type", "STORE", "priority", 0,
				"country", "DE"));
		level(store, sku, 2, COUNTED);
		String older = submit(1);
		String newer = submit(1);
		Jobs.runDue(engine);
		assertThat(locationsOf(older)).containsExactly(store);
		assertThat(locationsOf(newer)).containsExactly(store);

		// When the store counts only 1, and again a minute later, before the lifecycle has moved anything
		Response count = level(store, sku, 1, COUNTED.plusMinutes(1));
		Response again = level(store, sku, 1, COUNTED.plusMinutes(2));
		Jobs.runDue(engine);

		// Then the count is taken, short by 1, and the newer order's fulfillment order is rejected and placed at
		// the warehouse, while the older one keeps its unit at the store
		assertThat(count.json().path("outcome").asText()).isEqualTo("APPLIED");
		assertThat(count.json().path("shortBy").asInt()).isEqualTo(1);
		assertThat(again.json().path("shortBy").asInt()).isEqualTo(1);
		assertThat(locationsOf(older)).containsExactly(store);
		List<FulfillmentOrder> newerOnes = fulfillmentOrders.ofOrder(UUID.fromString(newer));
		assertThat(newerOnes).extracting(FulfillmentOrder::locationId, FulfillmentOrder::status)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(store, FulfillmentOrderStatus.REJECTED),
					org.assertj.core.groups.Tuple.tuple(location, FulfillmentOrderStatus.RELEASED));
		assertThat(availableAt(store)).isZero();
		JsonNode storeLevel = level(store, sku, 1, COUNTED.minusHours(1)).json().path("level");
		assertThat(storeLevel.path("reserved").asInt()).isEqualTo(1);
		assertThat(storeLevel.path("onHand").asInt()).isEqualTo(1);

		// And the shortfall heard twice rejected one fulfillment order, not two; every stored event was delivered
		assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null")
			.query(Long.class)
			.single()).isZero();
		for (String orderId : List.of(older, newer)) {
			fulfillmentOrders.ofOrder(UUID.fromString(orderId))
				.stream()
				.filter(fo -> fo.status() == FulfillmentOrderStatus.RELEASED)
				.forEach(this::shipAndDeliver);
		}
	}

	@Test
	void aSnapshotSetsEveryListedLevelCountsTheRestAsZeroAndALateOneChangesNothing() {
		// Given the location holds 10 of the run's SKU and 5 of a second one
		String second = sku + "-2";
		String third = sku + "-3";
		inventory.saveProduct(new Product(second, "Second", true));
		inventory.saveProduct(new Product(third, "Third", true));
		level(location, second, 5, COUNTED);

		// When a snapshot lists 7 of the second and 4 of a third, not the first
		Response snapshot = integrator.put("/api/locations/" + location + "/stock", Map.of("asOf",
				COUNTED.plusMinutes(5).toString(), "levels", List.of(Map.of("sku", second, "onHand", 7),
						Map.of("sku", third, "onHand", 4, "safetyStock", 1))));

		// Then both are applied and the first is counted as zero
		assertThat(snapshot.status()).as(snapshot.toString()).isEqualTo(200);
		assertThat(snapshot.json().path("applied").asInt()).isEqualTo(2);
		assertThat(snapshot.json().path("zeroed").asInt()).isEqualTo(1);
		assertThat(availability(sku)).isZero();
		assertThat(availability(second)).isEqualTo(7);
		assertThat(availability(third)).isEqualTo(3);

		// And an older snapshot arriving late changes nothing
		Response late = integrator.put("/api/locations/" + location + "/stock", Map.of("asOf", COUNTED.toString(),
				"levels", List.of(Map.of("sku", sku, "onHand", 99))));
		assertThat(late.json().path("applied").asInt()).isZero();
		assertThat(availability(sku)).isZero();
	}

	@Test
	void aSnapshotWithUnknownOrInvalidRowsIsRefusedWholeNamingThem() {
		Response refused = integrator.put("/api/locations/" + location + "/stock", Map.of("asOf", COUNTED.toString(),
				"levels", List.of(Map.of("sku", sku, "onHand", 3), Map.of("sku", "NO-SUCH-" + run, "onHand", 1),
						Map.of("sku", sku, "onHand", -1))));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(fields(refused)).containsExactlyInAnyOrder("levels[1].sku", "levels[2].sku", "levels[2].onHand");
		assertThat(availableAt(location)).isEqualTo(10);
	}

	@Test
	void stockArrivingForABackorderedSkuAllocatesTheWaitingOrdersSoonOldestFirst() {
		// Given nothing on hand, and two orders of 1 backordered, waiting for their hourly retry
		level(location, sku, 0, COUNTED);
		String older = submit(1);
		String newer = submit(1);
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(older))).isEmpty();
		assertThat(integrator.get("/api/orders/" + older).json().path("status").asText()).isEqualTo("BACKORDERED");
		Jobs.runDue(engine);
		assertThat(fulfillmentOrders.ofOrder(UUID.fromString(older))).isEmpty();

		// When 5 are received
		integrator.post("/api/locations/" + location + "/stock/" + sku + "/movements",
				Map.of("id", "grn-" + run, "kind", "RECEIVED", "quantity", 5));

		// Then both retries are due now, the older order's first, and both orders are allocated
		List<org.camunda.bpm.engine.runtime.Job> timers = new ArrayList<>();
		for (String orderId : List.of(older, newer)) {
			String lifecycle = jdbc.sql("select process_instance_id from order_lifecycles where order_id = :id")
				.param("id", UUID.fromString(orderId))
				.query(String.class)
				.single();
			timers.addAll(engine.getManagementService()
				.createJobQuery()
				.processInstanceId(lifecycle)
				.activityId("BoundaryEvent_RetryAllocation")
				.list());
		}
		assertThat(timers).hasSize(2);
		assertThat(timers.get(0).getDuedate()).isBefore(timers.get(1).getDuedate());
		assertThat(timers.get(1).getDuedate()).isBeforeOrEqualTo(new java.util.Date());
		Jobs.runDue(engine);
		for (String orderId : List.of(older, newer)) {
			assertThat(fulfillmentOrders.ofOrder(UUID.fromString(orderId))).singleElement()
				.satisfies(fo -> assertThat(fo.locationId()).isEqualTo(location));
			fulfillmentOrders.ofOrder(UUID.fromString(orderId)).forEach(this::shipAndDeliver);
		}
	}

	@Test
	void aSnapshotRacingWithAllocationPromisesNoUnitTwiceAndLosesNone() throws Exception {
		// Given 1,500 SKUs at the location (two chunks of a snapshot), and 30 orders of the run's SKU waiting to be allocated
		List<Map<String, Object>> products = new ArrayList<>();
		List<Map<String, Object>> levels = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			products.add(Map.of("sku", sku + "-R" + i, "name", "Race " + i));
			levels.add(Map.of("sku", sku + "-R" + i, "onHand", i % 7));
		}
		assertThat(integrator.post("/api/products/bulk", Map.of("products", products)).status()).isEqualTo(200);
		levels.add(Map.of("sku", sku, "onHand", 20));
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			orders.add(submit(1));
		}

		// When the snapshot (20 of the run's SKU instead of 10) is applied while allocation runs
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		var snapshot = pool.submit(() -> integrator.put("/api/locations/" + location + "/stock",
				Map.of("asOf", COUNTED.plusMinutes(1).toString(), "levels", levels)));
		var allocation = pool.submit(() -> Jobs.runDue(engine));
		assertThat(snapshot.get().status()).as(snapshot.get().toString()).isEqualTo(200);
		allocation.get();
		pool.shutdown();
		Jobs.runDue(engine);

		// Then what is reserved is exactly what fulfillment orders hold, never more than on hand, and every
		// order is either allocated or waiting for stock
		JsonNode at = integrator.get("/api/availability?sku=" + sku + "&location=" + location).json().get(0)
			.path("locations").get(0);
		int allocated = 0;
		for (String orderId : orders) {
			allocated += fulfillmentOrders.ofOrder(UUID.fromString(orderId))
				.stream()
				.filter(fo -> fo.status() == FulfillmentOrderStatus.RELEASED)
				.mapToInt(fo -> fo.lines().get(0).quantity())
				.sum();
		}
		assertThat(at.path("onHand").asInt()).isEqualTo(20);
		assertThat(at.path("reserved").asInt()).isEqualTo(allocated).isLessThanOrEqualTo(20);
		assertThat(allocated).isEqualTo(20);
		assertThat(at.path("available").asInt()).isZero();
		for (String orderId : orders) {
			assertThat(integrator.post("/api/orders/" + orderId + "/cancellations",
					Map.of("wholeOrder", true, "reason", "the race is over")).status()).isEqualTo(202);
		}
		Jobs.runDue(engine);
	}

	@Test
	void aLocationReadsItsWorkQueueOldestFirst() {
		String first = submit(1);
		String second = submit(2);
		Jobs.runDue(engine);

		Response queue = ApiClient.on(port).as("warehouse")
			.get("/api/locations/" + location + "/fulfillment-orders?status=RELEASED");

		assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
		List<String> orders = new ArrayList<>();
		queue.json().forEach(fo -> {
			orders.add(fo.path("orderId").asText());
			assertThat(fo.path("shipTo").path("city").asText()).isNotBlank();
			assertThat(fo.path("deliveryMethod").asText()).isNotBlank();
			assertThat(fo.path("lines")).isNotEmpty();
		});
		assertThat(orders).containsExactly(first, second);

		// And each entry of the queue (read a page at a time) is the fulfillment order as it is read alone: its own
		// ship-to, its order's hold
		FulfillmentOrder firstFo = fulfillmentOrders.ofOrder(UUID.fromString(first)).get(0);
		shipTos.change(firstFo.id(), new Address("Ada Queue", "Other Street 2", null, "10115", "Berlin", null, "DE",
				null), "agent", "customer moved");
		assertThat(ApiClient.on(port).as("agent")
			.post("/api/orders/" + second + "/hold", Map.of("reason", "checking the queue"))
			.status()).isEqualTo(201);
		JsonNode page = ApiClient.on(port).as("warehouse")
			.get("/api/locations/" + location + "/fulfillment-orders?status=RELEASED")
			.json();
		assertThat(page).hasSize(2);
		page.forEach(fo -> assertThat(fo)
			.isEqualTo(integrator.get("/api/fulfillment-orders/" + fo.path("id").asText()).json()));
		assertThat(page.get(0).path("shipTo").path("line1").asText()).isEqualTo("Other Street 2");
		assertThat(page.get(1).path("onHold").asBoolean()).isTrue();
		assertThat(ApiClient.on(port).as("agent")
			.post("/api/orders/" + second + "/release-hold", Map.of("reason", "checked"))
			.status()).isEqualTo(200);
		Jobs.runDue(engine);
		for (String orderId : List.of(first, second)) {
			fulfillmentOrders.ofOrder(UUID.fromString(orderId)).forEach(this::shipAndDeliver);
		}
		assertThat(ApiClient.on(port).as("warehouse")
			.get("/api/locations/" + location + "/fulfillment-orders?status=RELEASED")
			.json()).isEmpty();
	}

	private Response level(String locationId, String sku, int onHand, OffsetDateTime asOf) {
		return integrator.put("/api/locations/" + locationId + "/stock/" + sku,
				Map.of("onHand", onHand, "asOf", asOf.toString()));
	}

	private int availableAt(String locationId) {
		JsonNode availability = integrator.get("/api/availability?sku=" + sku + "&location=" + locationId).json();
		return availability.get(0).path("available").asInt();
	}

	private int availability(String anySku) {
		return integrator.get("/api/availability?sku=" + anySku + "&location=" + location).json().get(0).path("available")
			.asInt();
	}

	private List<String> locationsOf(String orderId) {
		return fulfillmentOrders.ofOrder(UUID.fromString(orderId)).stream().map(FulfillmentOrder::locationId).toList();
	}

}
