package io.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.capture.CaptureService;
import io.orderflow.capture.OrderSubmission;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.Product;
import io.orderflow.inventory.StockLevel;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.Quantities;
import io.orderflow.testsupport.Invariants;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What fulfillment tests share: orders submitted the way channels submit them, SKUs and locations of
 * their own (unique names, so that tests sharing a database never see each other's stock), and the
 * invariants checked after every test.
 */
abstract class FulfillmentTestSupport {

	@Autowired
	CaptureService capture;

	@Autowired
	FulfillmentOrders fulfillment;

	@Autowired
	UnitCancellations unitCancellations;

	@Autowired
	Inventory inventory;

	@Autowired
	Orders orders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProcessEngine engine;

	@AfterEach
	void invariantsHold() {
		Invariants.assertHold(jdbc, engine);
		assertFulfillmentInvariants(jdbc);
	}

	/**
	 * Stock reserved at a location is exactly what its open fulfillment orders hold; a line's allocated
	 * quantity is what its fulfillment orders (neither rejected nor canceled) hold, its fulfilled quantity
	 * what the shipped ones hold (for lines without reshipments, undelivered parcels or exchanges, which the
	 * suite's {@code Invariants} check by their own rules: other tests leave such orders in the shared database).
	 */
	static void assertFulfillmentInvariants(JdbcClient jdbc) {
		jdbc.sql("""
				select s.location_id, s.sku, s.on_hand, s.reserved,
				  coalesce((select sum(l.quantity) from fulfillment_order_line l
				            join fulfillment_order f on f.id = l.fulfillment_order_id
				            where f.location_id = s.location_id and l.sku = s.sku
				              and f.status in ('CREATED', 'RELEASED', 'PICKED', 'PACKED')), 0) as held
				from stock s""").query(rs -> {
			assertThat(rs.getInt("reserved")).as("reserved %s at %s", rs.getString("sku"), rs.getString("location_id"))
				.isEqualTo(rs.getInt("held"))
				.isLessThanOrEqualTo(rs.getInt("on_hand"));
		});
		jdbc.sql("""
				select o.order_number, ol.line_number, ol.qty_allocated, ol.qty_fulfilled,
				  coalesce((select sum(l.quantity) from fulfillment_order_line l
				            join fulfillment_order f on f.id = l.fulfillment_order_id
				            where f.order_id = ol.order_id and l.line_number = ol.line_number
				              and f.status not in ('REJECTED', 'CANCELED')), 0) as allocated,
				  coalesce((select sum(l.quantity) from fulfillment_order_line l
				            join fulfillment_order f on f.id = l.fulfillment_order_id
				            where f.order_id = ol.order_id and l.line_number = ol.line_number
				              and f.status in ('SHIPPED', 'DELIVERED', 'UNDELIVERED')), 0) as fulfilled
				from order_line ol join orders o on o.id = ol.order_id
				-- reshipped, undelivered and exchanged units count on the lines by rules of their own (Invariants)
				where ol.exchange_id is null and not exists (select 1 from fulfillment_order r where r.order_id = ol.order_id
				  and (r.reshipment_id is not null or r.status = 'UNDELIVERED'))""").query(rs -> {
			String line = rs.getString("order_number") + " line " + rs.getInt("line_number");
			assertThat(rs.getInt("qty_allocated")).as("allocated of %s", line).isEqualTo(rs.getInt("allocated"));
			assertThat(rs.getInt("qty_fulfilled")).as("fulfilled of %s", line).isEqualTo(rs.getInt("fulfilled"));
		});
	}

	/** A new SKU in the catalog, named for this test only. */
	String newSku() {
		String sku = "FT-" + UUID.randomUUID().toString().substring(0, 13);
		inventory.saveProduct(new Product(sku, "Fulfillment test product " + sku, true));
		return sku;
	}

	/** A new active warehouse in DE with this priority, named for this test only. */
	String newLocation(int priority) {
		String id = "FT-L-" + UUID.randomUUID().toString().substring(0, 13);
		inventory.saveLocation(new Location(id, "Test location " + id, LocationType.WAREHOUSE, priority, "DE", null,
				null, true));
		return id;
	}

	/** A location holding {@code onHand} of each SKU. */
	String newLocation(int priority, int onHand, String... skus) {
		String location = newLocation(priority);
		for (String sku : skus) {
			inventory.setOnHand(location, sku, onHand);
		}
		return location;
	}

	/** Submits an order through order capture: SKUs and quantities alternating, e.g. {@code submit(a, 2, b, 1)}. */
	UUID submit(Object... skusAndQuantities) {
		Map<String, Object> order = TestOrders.valid();
		List<Object> lines = new ArrayList<>();
		for (int i = 0; i < skusAndQuantities.length; i += 2) {
			lines.add(TestOrders.map("sku", skusAndQuantities[i], "name", "Product " + skusAndQuantities[i], "quantity",
					skusAndQuantities[i + 1], "unitPrice", "10.00", "taxRate", "0.19"));
		}
		order.put("lines", lines);
		try {
			OrderSubmission submission = TestOrders.submission(order);
			return capture.submit(submission, null, "integrator").order().id();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	Order order(UUID orderId) {
		Order order = orders.find(orderId).orElseThrow();
		order.lines().forEach(line -> assertThat(line.quantities().consistent()).as("line %s", line).isTrue());
		return order;
	}

	Quantities quantities(UUID orderId, int lineNumber) {
		return line(orderId, lineNumber).quantities();
	}

	OrderLine line(UUID orderId, int lineNumber) {
		return order(orderId).lines().stream().filter(l -> l.lineNumber() == lineNumber).findFirst().orElseThrow();
	}

	StockLevel stock(String location, String sku) {
		return inventory.stock(sku)
			.stream()
			.filter(level -> level.locationId().equals(location))
			.findFirst()
			.orElse(new StockLevel(location, sku, 0, 0));
	}

	List<String> timeline(UUID orderId) {
		return orders.timeline(orderId).stream().map(entry -> entry.type() + " " + entry.description()).toList();
	}

}
