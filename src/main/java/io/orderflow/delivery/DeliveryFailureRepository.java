package io.orderflow.delivery;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over delivery_failure. */
@Repository
class DeliveryFailureRepository {

	private final JdbcClient jdbc;

	DeliveryFailureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A new failure of a shipment, OPEN; false when the shipment has one already. */
	boolean insert(Shipment shipment, DeliveryFailure.Kind kind, String reason, OffsetDateTime now) {
		if (find(shipment.id()).isPresent()) {
			return false;
		}
		try {
			jdbc.sql("""
					insert into delivery_failure (shipment_id, fulfillment_order_id, order_id, kind, reason, status,
					  created_at, updated_at)
					values (:shipment, :fo, :orderId, :kind, :reason, :status, :now, :now)""")
				.param("shipment", shipment.id())
				.param("fo", shipment.fulfillmentOrderId())
				.param("orderId", shipment.orderId())
				.param("kind", kind.name())
				.param("reason", reason)
				.param("status", DeliveryFailure.Status.OPEN.name())
				.param("now", now)
				.update();
			return true;
		}
		catch (DuplicateKeyException concurrently) {
			return false;
		}
	}

	Optional<DeliveryFailure> find(UUID shipmentId) {
		return jdbc.sql("select * from delivery_failure where shipment_id = :id")
			.param("id", shipmentId)
			.query(DeliveryFailureRepository::map)
			.optional();
	}

	/** The fulfillment order's failures, newest first. */
	List<DeliveryFailure> ofFulfillmentOrder(UUID fulfillmentOrderId) {
		return jdbc.sql("select * from delivery_failure where fulfillment_order_id = :id order by created_at desc")
			.param("id", fulfillmentOrderId)
			.query(DeliveryFailureRepository::map)
			.list();
	}

	/** The order's failures, oldest first. */
	List<DeliveryFailure> ofOrder(UUID orderId) {
		return jdbc.sql("select * from delivery_failure where order_id = :id order by created_at")
			.param("id", orderId)
			.query(DeliveryFailureRepository::map)
			.list();
	}

	/**
	 * Moves a failure from {@code from} to {@code to}, with the agent's decision where it takes one.
	 * @return false when it was not in {@code from} (the step was done before)
	 */
	boolean transition(UUID shipmentId, DeliveryFailure.Status from, DeliveryFailure.Status to, String decision,
			String decidedBy, OffsetDateTime now) {
		return jdbc.sql("""
				update delivery_failure set status = :to, decision = coalesce(:decision, decision),
				  decided_by = coalesce(:decidedBy, decided_by), updated_at = :now
				where shipment_id = :id and status = :from""")
			.param("to", to.name())
			.param("decision", decision)
			.param("decidedBy", decidedBy)
			.param("now", now)
			.param("id", shipmentId)
			.param("from", from.name())
			.update() == 1;
	}

	/** When the parcel awaited back must be back at the sender. */
	void returnBy(UUID shipmentId, OffsetDateTime returnBy, OffsetDateTime now) {
		jdbc.sql("update delivery_failure set return_by = :returnBy, updated_at = :now where shipment_id = :id")
			.param("returnBy", returnBy)
			.param("now", now)
			.param("id", shipmentId)
			.update();
	}

	/**
	 * RETURNED (or NOT_RETURNED) → REFUNDED, with the credit memo that refunded it.
	 * @return false when it was neither
	 */
	boolean refunded(UUID shipmentId, String creditMemoNumber, BigDecimal amount, OffsetDateTime now) {
		return jdbc.sql("""
				update delivery_failure set status = :to, credit_memo_number = :memo, refund_amount = :amount,
				  updated_at = :now
				where shipment_id = :id and status in (:from, :lost)""")
			.param("to", DeliveryFailure.Status.REFUNDED.name())
			.param("memo", creditMemoNumber)
			.param("amount", amount)
			.param("now", now)
			.param("id", shipmentId)
			.param("from", DeliveryFailure.Status.RETURNED.name())
			.param("lost", DeliveryFailure.Status.NOT_RETURNED.name())
			.update() == 1;
	}

	private static DeliveryFailure map(ResultSet rs, int row) throws SQLException {
		return new DeliveryFailure(rs.getObject("shipment_id", UUID.class),
				rs.getObject("fulfillment_order_id", UUID.class), rs.getObject("order_id", UUID.class),
				DeliveryFailure.Kind.valueOf(rs.getString("kind")), rs.getString("reason"),
				DeliveryFailure.Status.valueOf(rs.getString("status")), rs.getString("decision"),
				rs.getString("decided_by"), rs.getString("credit_memo_number"), rs.getBigDecimal("refund_amount"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getObject("return_by", OffsetDateTime.class));
	}

}
