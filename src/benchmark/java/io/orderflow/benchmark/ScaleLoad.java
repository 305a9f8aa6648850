package io.orderflow.benchmark;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scale phase: the order search with a shop's worth of orders in the database. Submitting 100,000 orders over
 * REST would take half an hour, so the phase copies the orders the benchmark already ran through their lifecycle in
 * bulk with SQL, each copy with the rows {@code GET /api/orders} reads (the order, its lines, its payment
 * authorizations and transactions, its fulfillment orders and their deadlines) and a customer, status and creation
 * time of its own: about {@value #CUSTOMERS} customers (some order often, most a few times), most orders COMPLETED
 * or DELIVERED and spread over {@value #DAYS} days, a few in flight from the last days. Then it searches as an
 * integrator does, over REST: the first page of each status a client would ask for, and of random customers'
 * e-mails (existing ones, and unknown ones), {@value #REQUESTS} requests per filter from {@value #THREADS} threads,
 * and reports p50/p99/max per filter.
 */
final class ScaleLoad {

	static final int CUSTOMERS = 20_000;

	static final int DAYS = 180;

	static final int REQUESTS = 500;

	static final int THREADS = 4;

	static final int PAGE_SIZE = 20;

	/** Requests per filter before measuring (plans cached, code compiled); not counted. */
	static final int WARMUP = 50;

	/** The statuses a client asks for: its finished orders, and the ones it watches while they are under way. */
	static final List<String> STATUSES = List.of("COMPLETED", "DELIVERED", "SHIPPED", "ALLOCATED", "BACKORDERED",
			"ON_HOLD", "CANCELED");

	/**
	 * The status of each copy, drawn with {@code random()}: cumulative shares. Terminal ones are spread over
	 * {@link #DAYS} days, the ones still in flight over the last three.
	 */
	private static final String STATUS_CASE = """
			case when r < 0.55 then 'COMPLETED' when r < 0.80 then 'DELIVERED' when r < 0.86 then 'SHIPPED'
			     when r < 0.88 then 'PARTIALLY_SHIPPED' when r < 0.91 then 'ALLOCATED' when r < 0.92 then 'BACKORDERED'
			     when r < 0.93 then 'APPROVED' when r < 0.935 then 'RECEIVED' when r < 0.94 then 'ON_HOLD'
			     when r < 0.98 then 'CANCELED' else 'REJECTED' end""";

	private final RestClient integrator;

	private final JdbcTemplate jdbc;

	private final long seed;

	ScaleLoad(RestClient integrator, JdbcTemplate jdbc, long seed) {
		this.integrator = integrator;
		this.jdbc = jdbc;
		this.seed = seed;
	}

	/** {@code -Dbenchmark.scale.orders}: orders in the database for the phase (0 skips it). */
	static int target() {
		String value = System.getProperty("benchmark.scale.orders", "100000").trim();
		try {
			int orders = Integer.parseInt(value);
			if (orders < 0) {
				throw new IllegalArgumentException("-Dbenchmark.scale.orders must not be negative: " + value);
			}
			return orders;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("-Dbenchmark.scale.orders must be a whole number, not " + value, e);
		}
	}

	/** What it measured: the fill, and the search's response times per filter. */
	record Result(long ordersBefore, long orders, long customers, double fillSeconds, double searchSeconds,
			Map<String, Latencies.Summary> filters, Map<String, Long> statusCounts, long peakHeapUsedMb) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("ordersBefore", ordersBefore);
			json.put("orders", orders);
			json.put("distinctCustomerEmails", customers);
			json.put("fillSeconds", Math.round(fillSeconds * 10) / 10.0);
			json.put("searchSeconds", Math.round(searchSeconds * 10) / 10.0);
			json.put("ordersByStatus", statusCounts);
			json.put("requestsPerFilter", REQUESTS);
			json.put("clientThreads", THREADS);
			json.put("pageSize", PAGE_SIZE);
			json.put("getOrdersMillis", filters);
			json.put("peakHeapUsedMb", peakHeapUsedMb);
			return json;
		}

		void print() {
			System.out.printf("%-58s %14s %18s%n", String.format("scale: %,d orders, %,d customers, filled in (s)", orders,
					customers), String.format("%.1f", fillSeconds), "");
			filters.forEach((filter, latency) -> System.out.printf("%-58s %14s %18s%n",
					"GET /api/orders?" + filter + " p50 / p99 (ms)", String.format("%.1f / %.1f", latency.p50(),
							latency.p99()), (latency.p99() <= 50 ? "met " : "NOT met ") + "(p99 ≤ 50)"));
		}

	}

	Result run(int target, HeapSampler heap) {
		long before = count("select count(*) from orders");
		System.out.printf("Scale: %,d orders in the database, filling up to %,d …%n", before, target);
		long start = System.nanoTime();
		if (target > before) {
			fill(target - before);
		}
		double fillSeconds = OrderflowLoad.seconds(System.nanoTime() - start);
		long orders = count("select count(*) from orders");
		long customers = count("select count(distinct customer_email) from orders");
		Map<String, Long> statuses = new LinkedHashMap<>();
		jdbc.query("select status, count(*) from orders group by status order by count(*) desc",
				(ResultSet rs) -> {
					statuses.put(rs.getString(1), rs.getLong(2));
				});
		System.out.printf("Scale: %,d orders (%,d customers) after %.1f s: %s%n", orders, customers, fillSeconds,
				statuses);
		List<String> emails = jdbc.queryForList(
				"select customer_email from (select distinct customer_email from orders) e order by customer_email",
				String.class);
		Map<String, Latencies.Summary> filters = new LinkedHashMap<>();
		Random random = new Random(seed);
		long searching = System.nanoTime();
		try (HeapSampler.Window window = heap.window()) {
			for (String status : STATUSES) {
				filters.put("status=" + status, measure(n -> "status=" + status, true));
			}
			filters.put("customerEmail=(existing)",
					measure(n -> "customerEmail=" + encode(emails.get(random(random, emails.size()))), true));
			filters.put("customerEmail=(unknown)",
					measure(n -> "customerEmail=" + encode("nobody-" + random(random, 1_000_000) + "@bench.example"),
							false));
			return new Result(before, orders, customers, fillSeconds, OrderflowLoad.seconds(System.nanoTime() - searching),
					filters, statuses, window.peakUsedMb());
		}
	}

	private static int random(Random random, int bound) {
		synchronized (random) {
			return random.nextInt(bound);
		}
	}

	/**
	 * The first page of the search with {@code filter(n)}, {@link #WARMUP} times unmeasured, then {@link #REQUESTS}
	 * times from {@link #THREADS} threads; each answer must find orders, or none if {@code found} is false.
	 */
	private Latencies.Summary measure(java.util.function.IntFunction<String> filter, boolean found) {
		for (int n = 0; n < WARMUP; n++) {
			search(filter.apply(n), found);
		}
		Latencies latencies = new Latencies(REQUESTS);
		AtomicInteger next = new AtomicInteger();
		Parallel.run(THREADS, "scale", thread -> {
			for (int n = next.getAndIncrement(); n < REQUESTS; n = next.getAndIncrement()) {
				String query = filter.apply(n);
				long sent = System.nanoTime();
				search(query, found);
				latencies.record(n, System.nanoTime() - sent);
			}
		});
		return latencies.summary();
	}

	private void search(String filter, boolean found) {
		RestClient.Response response = integrator.get("/api/orders?" + filter + "&page=0&size=" + PAGE_SIZE)
			.expect(200);
		long total = response.json().path("totalElements").asLong(-1);
		if (found ? total < 1 : total != 0) {
			throw new RestClient.UnexpectedAnswerException(response,
					found ? "orders with " + filter : "no order with " + filter);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private long count(String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return count == null ? 0 : count;
	}

	/**
	 * Copies the finished orders already in the database ({@code missing} copies, round robin) in one transaction,
	 * then vacuums and analyzes what it wrote, as autovacuum would after a bulk load.
	 */
	private void fill(long missing) {
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			boolean autoCommit = connection.getAutoCommit();
			try {
				connection.setAutoCommit(false);
				try (Statement sql = connection.createStatement()) {
					copy(sql, missing);
				}
				connection.commit();
				connection.setAutoCommit(true);
				try (Statement sql = connection.createStatement()) {
					for (String table : List.of("orders", "order_line", "payment_authorization", "payment_transaction",
							"fulfillment_order", "fulfillment_deadline")) {
						sql.execute("vacuum (analyze) " + table);
					}
				}
			}
			catch (SQLException | RuntimeException e) {
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
				throw e;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
			return null;
		});
	}

	private void copy(Statement sql, long missing) throws SQLException {
		sql.execute("select setseed(" + (seed % 1000) / 1000.0 + ")");
		sql.execute("""
				create temporary table scale_template on commit drop as
				select id, row_number() over (order by created_at, id) as t from orders
				where status in ('COMPLETED', 'DELIVERED')""");
		long templates;
		try (ResultSet rs = sql.executeQuery("select count(*) from scale_template")) {
			rs.next();
			templates = rs.getLong(1);
		}
		if (templates == 0) {
			throw new IllegalStateException("the scale phase copies finished orders, and there are none");
		}
		// customers: a skewed draw (random()^2), so that some order often and most a few times
		sql.execute("""
				create temporary table scale_order on commit drop as
				select gen_random_uuid() as id, g as n, t.id as src_id, x.status, x.customer,
				       x.created_at, x.created_at + (case when x.status in ('COMPLETED', 'DELIVERED', 'CANCELED',
				         'REJECTED') then interval '4 days' * random() else interval '2 hours' * random() end) as updated_at
				from generate_series(1, %d) g
				cross join lateral (select %s as status, floor(%d * power(random(), 2))::int as customer,
				       now() - interval '1 day' * (case when r < 0.80 or r >= 0.94 then %d * random()
				                                        else 3 * random() end) as created_at
				       from (select random() as r, g as gg) rr) x
				join scale_template t on t.t = (g %% %d) + 1""".formatted(missing, STATUS_CASE, CUSTOMERS, DAYS, templates));
		sql.execute("""
				insert into orders (id, order_number, channel, external_reference, customer_id, customer_email,
				  customer_name, currency, ship_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_region,
				  ship_country, ship_phone, bill_name, bill_line1, bill_line2, bill_postal_code, bill_city, bill_region,
				  bill_country, bill_phone, delivery_method, payment_method, payment_token, lines_subtotal, tax_total,
				  shipping_charge, grand_total, status, process_instance_id, created_by, created_at, updated_at, version)
				select s.id, 'OF-' || nextval('order_number_seq'), o.channel, 'SCALE-' || s.id, 'SCALE-C' || s.customer,
				  'customer' || s.customer || '@scale.example', 'Scale Customer ' || s.customer, o.currency,
				  'Scale Customer ' || s.customer, o.ship_line1, o.ship_line2, o.ship_postal_code, o.ship_city,
				  o.ship_region, o.ship_country, o.ship_phone, 'Scale Customer ' || s.customer, o.bill_line1, o.bill_line2,
				  o.bill_postal_code, o.bill_city, o.bill_region, o.bill_country, o.bill_phone, o.delivery_method,
				  o.payment_method, o.payment_token, o.lines_subtotal, o.tax_total, o.shipping_charge, o.grand_total,
				  s.status, null, o.created_by, s.created_at, s.updated_at, o.version
				from scale_order s join orders o on o.id = s.src_id order by s.created_at""");
		sql.execute("""
				insert into order_line (id, order_id, line_number, sku, name, unit_price, tax_rate, line_subtotal,
				  line_tax, line_total, qty_ordered, qty_canceled, qty_allocated, qty_fulfilled, qty_return_initiated,
				  qty_returned, qty_reshipped)
				select gen_random_uuid(), s.id, l.line_number, l.sku, l.name, l.unit_price, l.tax_rate, l.line_subtotal,
				  l.line_tax, l.line_total, l.qty_ordered, l.qty_canceled, l.qty_allocated, l.qty_fulfilled,
				  l.qty_return_initiated, l.qty_returned, l.qty_reshipped
				from scale_order s join order_line l on l.order_id = s.src_id""");
		sql.execute("""
				create temporary table scale_authorization on commit drop as
				select gen_random_uuid() as id, a.id as src_id, s.id as order_id, s.n
				from scale_order s join payment_authorization a on a.order_id = s.src_id""");
		sql.execute("""
				insert into payment_authorization (id, order_id, gateway, gateway_reference, amount, currency, status,
				  authorized_at, expires_at, idempotency_key, captured, replaces_id, closed_at)
				select c.id, c.order_id, a.gateway, a.gateway_reference, a.amount, a.currency, a.status,
				  s.created_at, s.created_at + (a.expires_at - a.authorized_at), a.idempotency_key || ':scale:' || c.n,
				  a.captured, null, case when a.closed_at is null then null else s.updated_at end
				from scale_authorization c join payment_authorization a on a.id = c.src_id
				join scale_order s on s.id = c.order_id""");
		sql.execute("""
				insert into payment_transaction (id, order_id, authorization_id, type, amount, currency, status,
				  idempotency_key, succeeded_key, failed_key, result, attempts, gateway_reference, document_number,
				  failure_reason, created_at, last_attempt_at)
				select gen_random_uuid(), s.id, c.id, p.type, p.amount, p.currency, p.status,
				  p.idempotency_key || ':scale:' || s.n, p.succeeded_key || ':scale:' || s.n,
				  p.failed_key || ':scale:' || s.n, p.result, p.attempts, p.gateway_reference, p.document_number,
				  p.failure_reason, s.created_at, s.created_at
				from scale_order s join payment_transaction p on p.order_id = s.src_id
				left join scale_authorization c on c.src_id = p.authorization_id and c.order_id = s.id""");
		sql.execute("""
				create temporary table scale_fulfillment on commit drop as
				select gen_random_uuid() as id, f.id as src_id, s.id as order_id
				from scale_order s join fulfillment_order f on f.order_id = s.src_id""");
		sql.execute("""
				insert into fulfillment_order (id, order_id, sequence_number, number, location_id, status, status_reason,
				  carrier, tracking_number, created_at, updated_at, shipped_at, delivered_at, version)
				select c.id, c.order_id, f.sequence_number, o.order_number || '-F' || f.sequence_number, f.location_id,
				  f.status, f.status_reason, f.carrier, f.tracking_number, o.created_at, o.updated_at,
				  case when f.shipped_at is null then null else o.updated_at end,
				  case when f.delivered_at is null then null else o.updated_at end, f.version
				from scale_fulfillment c join fulfillment_order f on f.id = c.src_id join orders o on o.id = c.order_id""");
		sql.execute("""
				insert into fulfillment_deadline (fulfillment_order_id, ship_by, deliver_by, late_stage, late_since)
				select c.id, o.created_at + (d.ship_by - f.created_at), o.created_at + (d.deliver_by - f.created_at),
				  null, null
				from scale_fulfillment c join fulfillment_deadline d on d.fulfillment_order_id = c.src_id
				join fulfillment_order f on f.id = c.src_id join orders o on o.id = c.order_id""");
	}

}
