package io.orderflow.fulfillment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.Address;
import io.orderflow.order.Order;
import io.orderflow.order.Orders;
import io.orderflow.order.TimelineType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where each fulfillment order ships to. A fulfillment order has no address of its own until a change of
 * address gives it one: until then it ships to the order's shipping address. Its own is set when a change
 * applies to it alone, when it is changed after release with its location's consent, or when the order's
 * address changes while it keeps the old one ({@link #keep}: shipped, or at a location that has not
 * accepted). What the location reads (the release event, {@code GET /api/fulfillment-orders/{id}}) and what
 * the carrier is booked to is this effective ship-to.
 */
@Service
public class FulfillmentShipTos {

	private final JdbcClient jdbc;

	private final FulfillmentOrderRepository fulfillmentOrders;

	private final Orders orders;

	private final Clock clock;

	FulfillmentShipTos(JdbcClient jdbc, FulfillmentOrderRepository fulfillmentOrders, Orders orders, Clock clock) {
		this.jdbc = jdbc;
		this.fulfillmentOrders = fulfillmentOrders;
		this.orders = orders;
		this.clock = clock;
	}

	/**
	 * The address the fulfillment order ships to: its own, else the order's.
	 * @throws FulfillmentOrderNotFoundException when there is none with this id
	 */
	@Transactional(readOnly = true)
	public Address shipTo(UUID fulfillmentOrderId) {
		FulfillmentOrder fo = fulfillmentOrders.find(fulfillmentOrderId, false)
			.orElseThrow(() -> new FulfillmentOrderNotFoundException(fulfillmentOrderId));
		return shipTo(fo, orders.require(fo.orderId()));
	}

	/** The address {@code fo} of {@code order} ships to: its own, else the order's. */
	@Transactional(readOnly = true)
	public Address shipTo(FulfillmentOrder fo, Order order) {
		return own(fo.id()).orElse(order.shippingAddress());
	}

	/** The addresses these fulfillment orders ship to, by id, read together (a page of a work queue). */
	@Transactional(readOnly = true)
	public Map<UUID, Address> shipTos(Collection<FulfillmentOrder> fos, Map<UUID, Order> ordersById) {
		Map<UUID, Address> own = new HashMap<>();
		if (!fos.isEmpty()) {
			jdbc.sql("""
					select id, ship_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_region, ship_country,
					  ship_phone from fulfillment_order where id in (:ids) and ship_line1 is not null""")
				.param("ids", fos.stream().map(FulfillmentOrder::id).toList())
				.query(rs -> {
					own.put(rs.getObject("id", UUID.class), address(rs));
				});
		}
		Map<UUID, Address> shipTos = new HashMap<>();
		for (FulfillmentOrder fo : fos) {
			Address address = own.get(fo.id());
			shipTos.put(fo.id(), address != null ? address : ordersById.get(fo.orderId()).shippingAddress());
		}
		return shipTos;
	}

	/** Whether it has an address of its own (else it follows the order's). */
	@Transactional(readOnly = true)
	public boolean hasOwn(UUID fulfillmentOrderId) {
		return own(fulfillmentOrderId).isPresent();
	}

	/**
	 * Before the order's address changes: a fulfillment order that is to keep the address it has (shipped, or at
	 * a location asked to accept the change) takes it as its own, unless it has one already. Callers hold the
	 * order's lock.
	 */
	@Transactional
	public void keep(UUID fulfillmentOrderId, Address current) {
		lock(fulfillmentOrderId);
		if (own(fulfillmentOrderId).isEmpty()) {
			update(fulfillmentOrderId, current);
		}
	}

	/**
	 * Changes where the fulfillment order ships to, and says so on the order's timeline with who and why.
	 * Callers hold the order's lock; this locks the fulfillment order.
	 * @return the status it has (CREATED: the location learns the address when it is released)
	 * @throws FulfillmentOrderStateException when it has shipped, or is CANCELED or REJECTED; nothing changes
	 */
	@Transactional
	public FulfillmentOrderStatus change(UUID fulfillmentOrderId, Address address, String actor, String why) {
		FulfillmentOrder fo = lock(fulfillmentOrderId);
		if (fo.status().shipped() || fo.status().closed()) {
			throw new FulfillmentOrderStateException(fo, "change its ship-to");
		}
		update(fulfillmentOrderId, address);
		String entry = "Fulfillment order " + fo.number() + " now ships to " + oneLine(address) + ": " + why;
		orders.record(fo.orderId(), TimelineType.FULFILLMENT, actor,
				entry.length() <= 1000 ? entry : entry.substring(0, 999) + "…");
		return fo.status();
	}

	/** An address on one line, as the timeline shows it. */
	public static String oneLine(Address a) {
		StringBuilder line = new StringBuilder(a.name()).append(", ").append(a.line1());
		if (a.line2() != null && !a.line2().isBlank()) {
			line.append(", ").append(a.line2());
		}
		return line.append(", ").append(a.postalCode()).append(' ').append(a.city()).append(", ").append(a.country())
			.toString();
	}

	private FulfillmentOrder lock(UUID id) {
		return fulfillmentOrders.find(id, true).orElseThrow(() -> new FulfillmentOrderNotFoundException(id));
	}

	private Optional<Address> own(UUID fulfillmentOrderId) {
		return jdbc.sql("""
				select ship_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_region, ship_country,
				  ship_phone from fulfillment_order where id = :id and ship_line1 is not null""")
			.param("id", fulfillmentOrderId)
			.query((rs, n) -> address(rs))
			.optional();
	}

	private static Address address(ResultSet rs) throws SQLException {
		return new Address(rs.getString("ship_name"), rs.getString("ship_line1"), rs.getString("ship_line2"),
				rs.getString("ship_postal_code"), rs.getString("ship_city"), rs.getString("ship_region"),
				rs.getString("ship_country"), rs.getString("ship_phone"));
	}

	private void update(UUID fulfillmentOrderId, Address a) {
		jdbc.sql("""
				update fulfillment_order set ship_name = :name, ship_line1 = :line1, ship_line2 = :line2,
				  ship_postal_code = :postalCode, ship_city = :city, ship_region = :region, ship_country = :country,
				  ship_phone = :phone, updated_at = :now, version = version + 1
				where id = :id""")
			.param("name", a.name())
			.param("line1", a.line1())
			.param("line2", a.line2())
			.param("postalCode", a.postalCode())
			.param("city", a.city())
			.param("region", a.region())
			.param("country", a.country())
			.param("phone", a.phone())
			.param("now", OffsetDateTime.now(clock))
			.param("id", fulfillmentOrderId)
			.update();
	}

}
