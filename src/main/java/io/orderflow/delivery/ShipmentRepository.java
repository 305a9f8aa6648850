package io.orderflow.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ShipmentRepository {

	private static final String COLUMNS = """
			id, fulfillment_order_id, order_id, carrier, tracking_number, label_reference, status, status_detail,
			booked_by_orderflow, created_at, updated_at, attempt, replaced_by""";

	private final JdbcClient jdbc;

	ShipmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Shipment shipment) {
		jdbc.sql("""
				insert into shipment (id, fulfillment_order_id, order_id, carrier, tracking_number, label_reference,
				  status, booked_by_orderflow, created_at, updated_at, attempt)
				values (:id, :fo, :orderId, :carrier, :tracking, :label, :status, :booked, :created, :updated,
				  :attempt)""")
			.param("attempt", shipment.attempt())
			.param("id", shipment.id())
			.param("fo", shipment.fulfillmentOrderId())
			.param("orderId", shipment.orderId())
			.param("carrier", shipment.carrier())
			.param("tracking", shipment.trackingNumber())
			.param("label", shipment.labelReference())
			.param("status", shipment.status().name())
			.param("booked", shipment.bookedByOrderflow())
			.param("created", shipment.createdAt())
			.param("updated", shipment.updatedAt())
			.update();
	}

	Optional<Shipment> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from shipment where id = :id").param("id", id).query(this::map).optional();
	}

	/** The fulfillment order's shipment in use: its latest attempt. */
	Optional<Shipment> findByFulfillmentOrder(UUID fulfillmentOrderId) {
		return jdbc.sql("select " + COLUMNS + " from shipment where fulfillment_order_id = :fo"
				+ " order by attempt desc limit 1")
			.param("fo", fulfillmentOrderId)
			.query(this::map)
			.optional();
	}

	/** The shipment that replaced {@code shipmentId}: the booking after a failed delivery. */
	void markReplaced(UUID shipmentId, UUID replacedBy, OffsetDateTime now) {
		jdbc.sql("update shipment set replaced_by = :by, updated_at = :now where id = :id and replaced_by is null")
			.param("by", replacedBy)
			.param("now", now)
			.param("id", shipmentId)
			.update();
	}

	List<Shipment> ofOrder(UUID orderId) {
		return jdbc.sql("select " + COLUMNS + " from shipment where order_id = :orderId order by created_at, attempt")
			.param("orderId", orderId)
			.query(this::map)
			.list();
	}

	/** Moves a shipment from one of {@code from} to {@code to}; false when it was not in one of them. */
	boolean transition(UUID id, List<ShipmentStatus> from, ShipmentStatus to, String detail, OffsetDateTime now) {
		return jdbc.sql("update shipment set status = :to, status_detail = :detail, updated_at = :now"
				+ " where id = :id and status in (:from)")
			.param("to", to.name())
			.param("detail", detail)
			.param("now", now)
			.param("id", id)
			.param("from", from.stream().map(Enum::name).toList())
			.update() == 1;
	}

	List<Shipment> inStatusSince(ShipmentStatus status, OffsetDateTime before, int limit) {
		return jdbc.sql("select " + COLUMNS
				+ " from shipment where status = :status and updated_at < :before and replaced_by is null"
				+ " order by updated_at limit :limit")
			.param("status", status.name())
			.param("before", before)
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	private Shipment map(ResultSet rs, int row) throws SQLException {
		return new Shipment(rs.getObject("id", UUID.class), rs.getObject("fulfillment_order_id", UUID.class),
				rs.getObject("order_id", UUID.class), rs.getString("carrier"), rs.getString("tracking_number"),
				rs.getString("label_reference"), ShipmentStatus.valueOf(rs.getString("status")),
				rs.getString("status_detail"), rs.getBoolean("booked_by_orderflow"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class), rs.getInt("attempt"),
				rs.getObject("replaced_by", UUID.class));
	}

}
