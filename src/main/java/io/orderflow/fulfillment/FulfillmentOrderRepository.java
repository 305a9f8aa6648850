package io.orderflow.fulfillment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over fulfillment_order and fulfillment_order_line. */
@Repository
class FulfillmentOrderRepository {

	private static final String COLUMNS = """
			id, order_id, number, location_id, status, status_reason, carrier, tracking_number, created_at,
			updated_at, shipped_at, delivered_at, version, reshipment_id""";

	private final JdbcClient jdbc;

	FulfillmentOrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}


	/** The next sequence number within the order; callers hold the order's lock. */
	int nextSequence(UUID orderId) {
		return jdbc.sql("select coalesce(max(sequence_number), 0) + 1 from fulfillment_order where order_id = :id")
			.param("id", orderId)
			.query(Integer.class)
			.single();
	}

	void insert(UUID id, UUID orderId, int sequence, String number, String locationId,
			List<FulfillmentOrderLine> lines, OffsetDateTime now) {
		insert(id, orderId, sequence, number, locationId, null, lines, now);
	}

	/** With a {@code reshipmentId}: a fulfillment order that sends units of that reshipment again. */
	void insert(UUID id, UUID orderId, int sequence, String number, String locationId, UUID reshipmentId,
			List<FulfillmentOrderLine> lines, OffsetDateTime now) {
		jdbc.sql("""
				insert into fulfillment_order (id, order_id, sequence_number, number, location_id, status,
				  created_at, updated_at, version, reshipment_id)
				values (:id, :orderId, :sequence, :number, :locationId, :status, :now, :now, 0, :reshipmentId)""")
			.param("id", id)
			.param("reshipmentId", reshipmentId)
			.param("orderId", orderId)
			.param("sequence", sequence)
			.param("number", number)
			.param("locationId", locationId)
			.param("status", FulfillmentOrderStatus.CREATED.name())
			.param("now", now)
			.update();
		for (FulfillmentOrderLine line : lines) {
			jdbc.sql("""
					insert into fulfillment_order_line (fulfillment_order_id, line_number, sku, quantity)
					values (:id, :lineNumber, :sku, :quantity)""")
				.param("id", id)
				.param("lineNumber", line.lineNumber())
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.update();
		}
	}

	/** With {@code lock}, the row stays locked until the transaction ends. */
	Optional<FulfillmentOrder> find(UUID id, boolean lock) {
		return jdbc.sql("select " + COLUMNS + " from fulfillment_order where id = :id" + (lock ? " for update" : ""))
			.param("id", id)
			.query(FulfillmentOrderRepository::map)
			.optional()
			.map(fo -> withLines(List.of(fo)).get(0));
	}

	List<FulfillmentOrder> ofOrder(UUID orderId) {
		return withLines(jdbc.sql("select " + COLUMNS + " from fulfillment_order where order_id = :orderId"
				+ " order by sequence_number")
			.param("orderId", orderId)
			.query(FulfillmentOrderRepository::map)
			.list());
	}

	/**
	 * A location's fulfillment orders in one of {@code statuses}, oldest first (or newest first), a page at a
	 * time; with {@code sku}, only those with a line of it.
	 */
	List<FulfillmentOrder> atLocation(String locationId, List<FulfillmentOrderStatus> statuses, String sku,
			boolean newestFirst, int page, int size) {
		return withLines(jdbc.sql("select " + COLUMNS + " from fulfillment_order f where location_id = :locationId"
				+ " and status in (:statuses)"
				+ (sku == null ? "" : " and exists (select 1 from fulfillment_order_line l"
						+ " where l.fulfillment_order_id = f.id and l.sku = :sku)")
				+ " order by created_at " + (newestFirst ? "desc" : "asc") + ", sequence_number"
				+ " limit :size offset :offset")
			.param("locationId", locationId)
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.param("sku", sku)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(FulfillmentOrderRepository::map)
			.list());
	}

	/** The fulfillment orders of one reshipment, in the order they were created. */
	List<FulfillmentOrder> ofReshipment(UUID reshipmentId) {
		return withLines(jdbc.sql("select " + COLUMNS + " from fulfillment_order where reshipment_id = :id"
				+ " order by sequence_number")
			.param("id", reshipmentId)
			.query(FulfillmentOrderRepository::map)
			.list());
	}

	/** Locations that rejected a fulfillment order of this order. */
	Set<String> rejectingLocations(UUID orderId) {
		return new LinkedHashSet<>(jdbc.sql("""
				select distinct location_id from fulfillment_order where order_id = :orderId and status = :status""")
			.param("orderId", orderId)
			.param("status", FulfillmentOrderStatus.REJECTED.name())
			.query(String.class)
			.list());
	}

	/** Sets how many units of an order line the fulfillment order ships; 0 removes the line. Callers hold the lock. */
	void updateLineQuantity(UUID id, int lineNumber, int quantity, OffsetDateTime now) {
		if (quantity == 0) {
			jdbc.sql("delete from fulfillment_order_line where fulfillment_order_id = :id and line_number = :line")
				.param("id", id)
				.param("line", lineNumber)
				.update();
		}
		else {
			jdbc.sql("""
					update fulfillment_order_line set quantity = :quantity
					where fulfillment_order_id = :id and line_number = :line""")
				.param("quantity", quantity)
				.param("id", id)
				.param("line", lineNumber)
				.update();
		}
		jdbc.sql("update fulfillment_order set updated_at = :now, version = version + 1 where id = :id")
			.param("now", now)
			.param("id", id)
			.update();
	}

	void updateStatus(UUID id, FulfillmentOrderStatus status, String reason, OffsetDateTime now) {
		jdbc.sql("""
				update fulfillment_order set status = :status, status_reason = coalesce(:reason, status_reason),
				  updated_at = :now, version = version + 1
				where id = :id""")
			.param("status", status.name())
			.param("reason", reason)
			.param("now", now)
			.param("id", id)
			.update();
	}

	void updateShipped(UUID id, String carrier, String trackingNumber, OffsetDateTime now) {
		jdbc.sql("""
				update fulfillment_order set status = :status, carrier = coalesce(:carrier, carrier),
				  tracking_number = coalesce(:tracking, tracking_number), shipped_at = :now, updated_at = :now,
				  version = version + 1
				where id = :id""")
			.param("status", FulfillmentOrderStatus.SHIPPED.name())
			.param("carrier", carrier)
			.param("tracking", trackingNumber)
			.param("now", now)
			.param("id", id)
			.update();
	}

	void updateDelivered(UUID id, OffsetDateTime now) {
		jdbc.sql("""
				update fulfillment_order set status = :status, delivered_at = :now, updated_at = :now,
				  version = version + 1
				where id = :id""")
			.param("status", FulfillmentOrderStatus.DELIVERED.name())
			.param("now", now)
			.param("id", id)
			.update();
	}

	void updateTracking(UUID id, String carrier, String trackingNumber, OffsetDateTime now) {
		jdbc.sql("""
				update fulfillment_order set carrier = :carrier, tracking_number = :tracking, updated_at = :now,
				  version = version + 1
				where id = :id""")
			.param("carrier", carrier)
			.param("tracking", trackingNumber)
			.param("now", now)
			.param("id", id)
			.update();
	}

	private List<FulfillmentOrder> withLines(List<FulfillmentOrder> fulfillmentOrders) {
		if (fulfillmentOrders.isEmpty()) {
			return List.of();
		}
		Collection<UUID> ids = fulfillmentOrders.stream().map(FulfillmentOrder::id).toList();
		Map<UUID, List<FulfillmentOrderLine>> lines = new LinkedHashMap<>();
		jdbc.sql("""
				select fulfillment_order_id, line_number, sku, quantity from fulfillment_order_line
				where fulfillment_order_id in (:ids) order by fulfillment_order_id, line_number""")
			.param("ids", ids)
			.query(rs -> {
				lines.computeIfAbsent(rs.getObject("fulfillment_order_id", UUID.class), k -> new ArrayList<>())
					.add(new FulfillmentOrderLine(rs.getInt("line_number"), rs.getString("sku"), rs.getInt("quantity")));
			});
		return fulfillmentOrders.stream()
			.map(fo -> new FulfillmentOrder(fo.id(), fo.orderId(), fo.number(), fo.locationId(), fo.status(),
					fo.statusReason(), fo.carrier(), fo.trackingNumber(), fo.createdAt(), fo.updatedAt(), fo.shippedAt(),
					fo.deliveredAt(), fo.version(), fo.reshipmentId(), lines.getOrDefault(fo.id(), List.of())))
			.toList();
	}

	private static FulfillmentOrder map(ResultSet rs, int rowNum) throws SQLException {
		return new FulfillmentOrder(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("number"), rs.getString("location_id"), FulfillmentOrderStatus.valueOf(rs.getString("status")),
				rs.getString("status_reason"), rs.getString("carrier"), rs.getString("tracking_number"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getObject("shipped_at", OffsetDateTime.class), rs.getObject("delivered_at", OffsetDateTime.class),
				rs.getLong("version"), rs.getObject("reshipment_id", UUID.class), List.of());
	}

}
