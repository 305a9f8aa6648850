package io.orderflow.benchmark;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orderflow as its integrators drive it, over REST only: a storefront submits orders from several
 * threads ({@code POST /api/orders}), the location reports every fulfillment order PICKED, PACKED and
 * SHIPPED without a tracking number (so Orderflow books the sandbox carrier), and the carrier reports
 * every parcel IN_TRANSIT and DELIVERED. Progress is read from the database, so that counting costs
 * Orderflow nothing.
 */
final class OrderflowLoad {

	/** Order statuses at or beyond ALLOCATED on the way to delivery. */
	static final Set<String> ALLOCATED_OR_LATER = Set.of("ALLOCATED", "PARTIALLY_SHIPPED", "SHIPPED", "DELIVERED",
			"COMPLETED");

	static final Set<String> DELIVERED = Set.of("DELIVERED", "COMPLETED");

	private final BenchmarkSettings settings;

	private final RestClient rest;

	private final JdbcTemplate jdbc;

	private final EngineProbe probe;

	private final List<String> skus;

	/** Orders per second of the open loop; 0: the closed loop. */
	private double rate;

	/** Told each run's tag when its delivery phase starts (so that something can happen during it). */
	private Consumer<String> deliveryPhaseStarts = tag -> {
	};

	OrderflowLoad(BenchmarkSettings settings, RestClient rest, JdbcTemplate jdbc, EngineProbe probe, List<String> skus) {
		this.settings = settings;
		this.rest = rest;
		this.jdbc = jdbc;
		this.probe = probe;
		this.skus = skus;
	}

	/** The accept phase sends orders at {@code rate} per second ({@link OpenLoop}); 0 keeps the closed loop. */
	OrderflowLoad openLoop(double rate) {
		this.rate = rate;
		return this;
	}

	/** {@code listener} learns each run's tag as its delivery phase starts; it must not block. */
	OrderflowLoad onDeliveryPhase(Consumer<String> listener) {
		this.deliveryPhaseStarts = listener;
		return this;
	}

	/** One run of {@code orders} orders through the three phases; {@code tag} prefixes their references. */
	Result run(String tag, int orders) {
		Instant startedAt = Instant.now();
		long getsBefore = rest.gets();
		long postsBefore = rest.posts();
		String[] orderIds = new String[orders];
		Latencies postLatencies = new Latencies(orders);

		// Phase 1: accept
		long t0 = System.nanoTime();
		OpenLoop.Result openLoop = null;
		if (rate > 0) {
			openLoop = OpenLoop.run(rate, OpenLoop.clientThreads(rate, settings.threads()), orders,
					i -> orderIds[i] = rest.post("/api/orders", order(tag, i)).expect(201).json().path("id").asText());
		}
		else {
			AtomicInteger next = new AtomicInteger();
			Parallel.run(settings.threads(), "submit", thread -> {
				int i;
				while ((i = next.getAndIncrement()) < orders) {
					Map<String, Object> order = order(tag, i);
					long sent = System.nanoTime();
					RestClient.Response response = rest.post("/api/orders", order);
					postLatencies.record(i, System.nanoTime() - sent);
					orderIds[i] = response.expect(201).json().path("id").asText();
				}
			});
		}
		long accepted = System.nanoTime();

		// Phase 2: allocation runs in the background (job executor); wait until every order is ALLOCATED or later
		waitForStatus(tag, orders, ALLOCATED_OR_LATER, "ALLOCATED");
		long allocated = System.nanoTime();

		// Phase 3: location and carrier events for every order, each client thread driving its share
		deliveryPhaseStarts.accept(tag);
		Parallel.run(settings.threads(), "report", thread -> {
			List<Delivery> mine = new ArrayList<>();
			for (int i = thread; i < orders; i += settings.threads()) {
				mine.add(new Delivery(orderIds[i]));
			}
			drive(mine);
		});
		long reported = System.nanoTime();
		waitForStatus(tag, orders, DELIVERED, "DELIVERED");
		long delivered = System.nanoTime();
		waitForLifecyclesEnded(tag, orders);
		long completed = System.nanoTime();

		EngineProbe.JobLog jobs = probe.jobLog(List.of("OrderLifecycle", "FulfillmentOrder"), startedAt, orders);
		Map<String, Object> fulfillment = jdbc.queryForMap("""
				select count(distinct o.id) as orders, count(s.id) as shipments from orders o
				left join shipment s on s.order_id = o.id where o.external_reference like ?""", tag + "-%");
		return new Result(orders, seconds(accepted - t0), seconds(allocated - t0), seconds(reported - allocated),
				seconds(delivered - allocated), seconds(delivered - t0), seconds(completed - t0),
				openLoop != null ? openLoop.fromDue() : postLatencies.summary(), rest.posts() - postsBefore,
				rest.gets() - getsBefore, ((Number) fulfillment.get("shipments")).doubleValue() / orders, jobs,
				probe.openIncidents(), openLoop);
	}

	/** A valid order of 1–3 lines, always under 250 in total so that no order waits for a fraud analyst. */
	Map<String, Object> order(String tag, int i) {
		Random random = new Random(settings.seed() * 31 + tag.hashCode() * 17L + i);
		List<Object> lines = new ArrayList<>();
		List<String> chosen = new ArrayList<>();
		int lineCount = 1 + random.nextInt(3);
		while (chosen.size() < lineCount) {
			String sku = skus.get(random.nextInt(skus.size()));
			if (!chosen.contains(sku)) {
				chosen.add(sku);
				lines.add(map("sku", sku, "name", "Benchmark product " + sku, "quantity", 1 + random.nextInt(2),
						"unitPrice", price(sku).toPlainString(), "taxRate", "0.19"));
			}
		}
		int customer = random.nextInt(500);
		Map<String, Object> address = map("name", "Customer " + customer, "line1", "Friedrichstraße " + (1 + customer),
				"postalCode", "10117", "city", "Berlin", "country", "DE");
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("externalReference", tag + "-" + i);
		order.put("channel", "WEB");
		order.put("customer", map("id", "BENCH-C" + customer, "email", "customer" + customer + "@bench.example",
				"name", "Customer " + customer));
		order.put("currency", "EUR");
		order.put("shippingAddress", address);
		order.put("billingAddress", address);
		order.put("deliveryMethod", "STANDARD");
		order.put("lines", lines);
		order.put("shippingCharge", "4.90");
		order.put("payment", map("method", "CARD", "token", "tok_approve"));
		return order;
	}

	/** 5.00 to 29.99: three lines of two units with 19 % tax and shipping stay below 250. */
	static BigDecimal price(String sku) {
		int cents = 500 + Math.floorMod(sku.hashCode(), 2500);
		return BigDecimal.valueOf(cents, 2);
	}

	private void drive(List<Delivery> deliveries) {
		long lastProgress = System.nanoTime();
		while (!deliveries.isEmpty()) {
			boolean progress = false;
			for (Iterator<Delivery> it = deliveries.iterator(); it.hasNext();) {
				Delivery delivery = it.next();
				if (delivery.advance()) {
					progress = true;
					if (delivery.done()) {
						it.remove();
					}
				}
			}
			if (progress) {
				lastProgress = System.nanoTime();
			}
			else {
				if (System.nanoTime() - lastProgress > settings.stall().toNanos()) {
					throw new StalledException("No fulfillment order or shipment of " + deliveries.size()
							+ " orders became ready for events in " + settings.stall() + "; first waiting: "
							+ deliveries.get(0), probe.diagnose());
				}
				sleep(Duration.ofMillis(25));
			}
		}
	}

	private void waitForStatus(String tag, int orders, Set<String> wanted, String what) {
		long lastProgress = System.nanoTime();
		long reached = -1;
		while (true) {
			Map<String, Long> statuses = statuses(tag);
			long now = statuses.entrySet().stream().filter(e -> wanted.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
			if (now >= orders) {
				return;
			}
			if (now != reached) {
				reached = now;
				lastProgress = System.nanoTime();
			}
			else if (System.nanoTime() - lastProgress > settings.stall().toNanos()) {
				throw new StalledException(reached + " of " + orders + " orders reached " + what + " and none more in "
						+ settings.stall() + "; orders by status: " + statuses, probe.diagnose());
			}
			sleep(Duration.ofMillis(100));
		}
	}

	private void waitForLifecyclesEnded(String tag, int orders) {
		long lastProgress = System.nanoTime();
		long ended = -1;
		while (true) {
			Long now = jdbc.queryForObject("""
					select count(*) from act_hi_procinst h join orders o on o.order_number = h.business_key_
					where h.proc_def_key_ = 'OrderLifecycle' and h.end_time_ is not null and o.external_reference like ?""",
					Long.class, tag + "-%");
			if (now != null && now >= orders) {
				return;
			}
			if (now != null && now != ended) {
				ended = now;
				lastProgress = System.nanoTime();
			}
			else if (System.nanoTime() - lastProgress > settings.stall().toNanos()) {
				throw new StalledException(ended + " of " + orders + " order lifecycles ended and none more in "
						+ settings.stall(), probe.diagnose());
			}
			sleep(Duration.ofMillis(100));
		}
	}

	Map<String, Long> statuses(String tag) {
		Map<String, Long> statuses = new TreeMap<>();
		jdbc.query("select status, count(*) from orders where external_reference like ? group by status",
				rs -> {
					statuses.put(rs.getString(1), rs.getLong(2));
				}, tag + "-%");
		return statuses;
	}

	/** One order on its way from ALLOCATED to DELIVERED, as its location and carrier report it. */
	private final class Delivery {

		private final String orderId;

		private int fulfillmentOrders;

		private boolean shipped;

		private boolean done;

		Delivery(String orderId) {
			this.orderId = orderId;
		}

		/** Reports what can be reported now; false if nothing was ready yet. */
		boolean advance() {
			return shipped ? deliver() : ship();
		}

		boolean done() {
			return done;
		}

		/** The location: once every fulfillment order is released to it, picked, packed and shipped. */
		private boolean ship() {
			JsonNode list = rest.get("/api/orders/" + orderId + "/fulfillment-orders").expect(200).json();
			if (list.isEmpty()) {
				return false;
			}
			for (JsonNode fo : list) {
				String status = fo.path("status").asText();
				if (status.equals("CREATED")) {
					return false;
				}
				if (status.equals("REJECTED") || status.equals("CANCELED")) {
					throw new IllegalStateException("Fulfillment order " + fo.path("id").asText() + " of order " + orderId
							+ " is " + status + ": " + fo);
				}
			}
			for (JsonNode fo : list) {
				if (fo.path("status").asText().matches("RELEASED|PICKED|PACKED")) {
					String id = fo.path("id").asText();
					for (String type : List.of("PICKED", "PACKED", "SHIPPED")) {
						rest.post("/api/fulfillment-orders/" + id + "/events", map("eventId", "bench-" + type + "-" + id,
								"type", type)).expect(202, 200);
					}
				}
			}
			fulfillmentOrders = list.size();
			shipped = true;
			return true;
		}

		/** The carrier: once a parcel is booked for every fulfillment order, in transit and delivered. */
		private boolean deliver() {
			JsonNode list = rest.get("/api/orders/" + orderId + "/shipments").expect(200).json();
			if (list.size() < fulfillmentOrders) {
				return false;
			}
			for (JsonNode shipment : list) {
				if (shipment.path("status").asText().equals("BOOKED")) {
					String id = shipment.path("id").asText();
					for (String type : List.of("IN_TRANSIT", "DELIVERED")) {
						rest.post("/api/shipments/" + id + "/events", map("eventId", "bench-" + type + "-" + id, "type", type))
							.expect(202, 200);
					}
				}
			}
			done = true;
			return true;
		}

		@Override
		public String toString() {
			return "order " + orderId + (shipped ? " (shipped, waiting for its shipments)" : " (waiting for its fulfillment orders)");
		}

	}

	static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/**
	 * One measured run. Times are seconds from the first submission, unless they say otherwise.
	 * @param orders orders submitted (all accepted, or the run would have stopped)
	 * @param acceptSeconds until the last POST /api/orders was answered
	 * @param allocatedSeconds until every order was ALLOCATED or later
	 * @param reportSeconds from ALLOCATED until the last location and carrier event was reported
	 * @param deliverPhaseSeconds from ALLOCATED until every order was DELIVERED
	 * @param deliveredSeconds until every order was DELIVERED
	 * @param completedSeconds until every order's lifecycle process instance had ended
	 * @param post latencies of POST /api/orders (in the open loop: from each order's intended send time)
	 * @param posts POST requests sent (orders and events)
	 * @param gets GET requests sent (looking for fulfillment orders and shipments to report on)
	 * @param shipmentsPerOrder shipments (= fulfillment orders) per order
	 * @param jobs what the job executor did for these orders
	 * @param incidents open incidents after the run
	 * @param openLoop the open loop's accept phase, or null for the closed loop
	 */
	record Result(int orders, double acceptSeconds, double allocatedSeconds, double reportSeconds,
			double deliverPhaseSeconds, double deliveredSeconds, double completedSeconds, Latencies.Summary post,
			long posts, long gets, double shipmentsPerOrder, EngineProbe.JobLog jobs, long incidents,
			OpenLoop.Result openLoop) {

		double acceptedPerMinute() {
			return perMinute(orders, acceptSeconds);
		}

		double allocatedPerMinute() {
			return perMinute(orders, allocatedSeconds);
		}

		double deliveredPerMinutePhase() {
			return perMinute(orders, deliverPhaseSeconds);
		}

		double deliveredPerMinute() {
			return perMinute(orders, deliveredSeconds);
		}

		double completedPerMinute() {
			return perMinute(orders, completedSeconds);
		}

	}

	static double perMinute(int count, double seconds) {
		return seconds <= 0 ? 0 : count * 60.0 / seconds;
	}

}
