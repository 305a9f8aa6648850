package io.orderflow.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code order_hold} (V40__manual_holds.sql), plain JDBC. */
@Repository
class OrderHoldRepository {

	private static final String SELECT = """
			select h.id, h.order_id, o.order_number, h.reason, h.held_by, h.held_at, h.released_by, h.released_at,
			  h.release_reason
			from order_hold h join orders o on o.id = h.order_id""";

	private final JdbcClient jdbc;

	OrderHoldRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID orderId, String reason, String heldBy, OffsetDateTime heldAt) {
		jdbc.sql("""
				insert into order_hold (id, order_id, reason, held_by, held_at)
				values (:id, :orderId, :reason, :heldBy, :heldAt)""")
			.param("id", id)
			.param("orderId", orderId)
			.param("reason", reason)
			.param("heldBy", heldBy)
			.param("heldAt", heldAt)
			.update();
	}

	/** Releases an active hold; false when it was not active. */
	boolean release(UUID id, String releasedBy, String reason, OffsetDateTime releasedAt) {
		return jdbc.sql("""
				update order_hold set released_by = :by, released_at = :at, release_reason = :reason
				where id = :id and released_at is null""")
			.param("by", releasedBy)
			.param("at", releasedAt)
			.param("reason", reason)
			.param("id", id)
			.update() == 1;
	}

	Optional<OrderHold> find(UUID id) {
		return jdbc.sql(SELECT + " where h.id = :id").param("id", id).query(OrderHoldRepository::row).optional();
	}

	Optional<OrderHold> active(UUID orderId) {
		return jdbc.sql(SELECT + " where h.order_id = :orderId and h.released_at is null")
			.param("orderId", orderId)
			.query(OrderHoldRepository::row)
			.optional();
	}

	/** Which of these orders an active hold holds. */
	Set<UUID> heldAmong(Collection<UUID> orderIds) {
		if (orderIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select order_id from order_hold where order_id in (:ids) and released_at is null")
			.param("ids", orderIds)
			.query((rs, n) -> rs.getObject("order_id", UUID.class))
			.list());
	}

	/** The order's holds, oldest first. */
	List<OrderHold> ofOrder(UUID orderId) {
		return jdbc.sql(SELECT + " where h.order_id = :orderId order by h.held_at, h.id")
			.param("orderId", orderId)
			.query(OrderHoldRepository::row)
			.list();
	}

	private static OrderHold row(ResultSet rs, int n) throws SQLException {
		return new OrderHold(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("order_number"), rs.getString("reason"), rs.getString("held_by"),
				rs.getObject("held_at", OffsetDateTime.class), rs.getString("released_by"),
				rs.getObject("released_at", OffsetDateTime.class), rs.getString("release_reason"));
	}

}
