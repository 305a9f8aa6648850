package io.orderflow.fulfillment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.orderflow.order.OrderDelays.Stage;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over fulfillment_deadline: one row per fulfillment order that was released. */
@Repository
class FulfillmentDeadlineRepository {

	private final JdbcClient jdbc;

	FulfillmentDeadlineRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<FulfillmentDeadlines.Deadline> find(UUID fulfillmentOrderId) {
		return jdbc.sql("select * from fulfillment_deadline where fulfillment_order_id = :id")
			.param("id", fulfillmentOrderId)
			.query(FulfillmentDeadlineRepository::map)
			.optional();
	}

	/** The deadlines of an order's fulfillment orders, by fulfillment order id. */
	Map<UUID, FulfillmentDeadlines.Deadline> ofOrder(UUID orderId) {
		Map<UUID, FulfillmentDeadlines.Deadline> deadlines = new LinkedHashMap<>();
		jdbc.sql("""
				select d.* from fulfillment_deadline d join fulfillment_order f on f.id = d.fulfillment_order_id
				where f.order_id = :orderId order by f.sequence_number""")
			.param("orderId", orderId)
			.query(rs -> {
				deadlines.put(rs.getObject("fulfillment_order_id", UUID.class), map(rs, 0));
			});
		return deadlines;
	}

	/** Which of these orders have a fulfillment order with a deadline marked late ({@code late_since}). */
	Set<UUID> ordersLate(Collection<UUID> orderIds) {
		return new HashSet<>(jdbc.sql("""
				select distinct f.order_id from fulfillment_deadline d join fulfillment_order f on f.id = d.fulfillment_order_id
				where f.order_id in (:ids) and d.late_since is not null""")
			.param("ids", orderIds)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list());
	}

	/** The deadlines of these fulfillment orders, by id; those without any are left out. */
	Map<UUID, FulfillmentDeadlines.Deadline> of(Collection<UUID> fulfillmentOrderIds) {
		Map<UUID, FulfillmentDeadlines.Deadline> deadlines = new LinkedHashMap<>();
		if (!fulfillmentOrderIds.isEmpty()) {
			jdbc.sql("select * from fulfillment_deadline where fulfillment_order_id in (:ids)")
				.param("ids", fulfillmentOrderIds)
				.query(rs -> {
					deadlines.put(rs.getObject("fulfillment_order_id", UUID.class), map(rs, 0));
				});
		}
		return deadlines;
	}

	/** Makes sure the fulfillment order has its row; two callers at once both find it afterwards. */
	void ensure(UUID fulfillmentOrderId) {
		if (find(fulfillmentOrderId).isPresent()) {
			return;
		}
		try {
			jdbc.sql("insert into fulfillment_deadline (fulfillment_order_id) values (:id)")
				.param("id", fulfillmentOrderId)
				.update();
		}
		catch (DuplicateKeyException concurrently) {
			// the other caller made it
		}
	}

	/** Sets the deadline of a stage; with {@code onlyIfUnset}, only when it has none yet. @return whether it was set */
	boolean setDeadline(UUID fulfillmentOrderId, Stage stage, OffsetDateTime deadline, boolean onlyIfUnset) {
		String column = column(stage);
		return jdbc.sql("update fulfillment_deadline set " + column + " = :deadline"
				+ " where fulfillment_order_id = :id" + (onlyIfUnset ? " and " + column + " is null" : ""))
			.param("deadline", deadline)
			.param("id", fulfillmentOrderId)
			.update() == 1;
	}

	/** Marks it late in a stage from {@code since}, unless it already is late in that stage. @return whether it changed */
	boolean markLate(UUID fulfillmentOrderId, Stage stage, OffsetDateTime since) {
		return jdbc.sql("""
				update fulfillment_deadline set late_stage = :stage, late_since = :since
				where fulfillment_order_id = :id and (late_stage is null or late_stage <> :stage)""")
			.param("stage", stage.name())
			.param("since", since)
			.param("id", fulfillmentOrderId)
			.update() == 1;
	}

	/** No longer late. @return whether it was */
	boolean clearLate(UUID fulfillmentOrderId) {
		return jdbc.sql("""
				update fulfillment_deadline set late_stage = null, late_since = null
				where fulfillment_order_id = :id and late_stage is not null""")
			.param("id", fulfillmentOrderId)
			.update() == 1;
	}

	private static String column(Stage stage) {
		return stage == Stage.SHIPMENT ? "ship_by" : "deliver_by";
	}

	private static FulfillmentDeadlines.Deadline map(ResultSet rs, int row) throws SQLException {
		String stage = rs.getString("late_stage");
		return new FulfillmentDeadlines.Deadline(rs.getObject("ship_by", OffsetDateTime.class),
				rs.getObject("deliver_by", OffsetDateTime.class), stage == null ? null : Stage.valueOf(stage),
				rs.getObject("late_since", OffsetDateTime.class));
	}

}
