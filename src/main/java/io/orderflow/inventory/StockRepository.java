package io.orderflow.inventory;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over stock levels as locations count them, and the movements they report. */
@Repository
class StockRepository {

	private final JdbcClient jdbc;

	StockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stock row with the time of the count behind it (null when none was reported). */
	record Row(StockLevel level, OffsetDateTime countedAt) {
	}

	Optional<Row> row(String locationId, String sku) {
		return jdbc.sql("""
				select location_id, sku, on_hand, reserved, safety_stock, counted_at from stock
				where location_id = :locationId and sku = :sku""")
			.param("locationId", locationId)
			.param("sku", sku)
			.query((rs, n) -> new Row(new StockLevel(rs.getString("location_id"), rs.getString("sku"),
					rs.getInt("on_hand"), rs.getInt("reserved"), rs.getInt("safety_stock")),
					rs.getObject("counted_at", OffsetDateTime.class)))
			.optional();
	}

	/**
	 * Applies a count taken at {@code asOf} unless a count taken at or after it was applied already.
	 * @param safetyStock the new safety stock, or null to keep it
	 * @return 1 when applied, 0 when there is no row or its count is as new or newer
	 */
	int applyCount(String locationId, String sku, int onHand, Integer safetyStock, OffsetDateTime asOf,
			OffsetDateTime now) {
		return jdbc.sql("""
				update stock set on_hand = :onHand, safety_stock = coalesce(:safety, safety_stock), counted_at = :asOf,
				  updated_at = :now
				where location_id = :locationId and sku = :sku and (counted_at is null or counted_at < :asOf)""")
			.param("onHand", onHand)
			.param("safety", safetyStock, java.sql.Types.INTEGER)
			.param("asOf", asOf)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
	}

	void insert(String locationId, String sku, int onHand, int safetyStock, OffsetDateTime countedAt,
			OffsetDateTime now) {
		jdbc.sql("""
				insert into stock (location_id, sku, on_hand, reserved, safety_stock, counted_at, updated_at)
				values (:locationId, :sku, :onHand, 0, :safety, :countedAt, :now)""")
			.param("locationId", locationId)
			.param("sku", sku)
			.param("onHand", onHand)
			.param("safety", safetyStock)
			.param("countedAt", countedAt)
			.param("now", now)
			.update();
	}

	/** Adds {@code delta} to what is on hand unless that would go below zero. @return 1, or 0 when refused */
	int move(String locationId, String sku, int delta, OffsetDateTime now) {
		return jdbc.sql("""
				update stock set on_hand = on_hand + :delta, updated_at = :now
				where location_id = :locationId and sku = :sku and on_hand + :delta >= 0""")
			.param("delta", delta)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
	}

	/** A reported movement, as it was recorded. */
	record Movement(String movementId, String sku, String kind, int quantity, int onHandAfter) {
	}

	Optional<Movement> movement(String locationId, String movementId) {
		return jdbc.sql("""
				select movement_id, sku, kind, quantity, on_hand_after from stock_movement
				where location_id = :locationId and movement_id = :id""")
			.param("locationId", locationId)
			.param("id", movementId)
			.query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					rs.getInt(5)))
			.optional();
	}

	void recordMovement(String locationId, Movement movement, String reason, String recordedBy, OffsetDateTime now) {
		jdbc.sql("""
				insert into stock_movement (location_id, movement_id, sku, kind, quantity, reason, on_hand_after,
				  recorded_by, recorded_at)
				values (:locationId, :id, :sku, :kind, :quantity, :reason, :after, :by, :now)""")
			.param("locationId", locationId)
			.param("id", movement.movementId())
			.param("sku", movement.sku())
			.param("kind", movement.kind())
			.param("quantity", movement.quantity())
			.param("reason", reason)
			.param("after", movement.onHandAfter())
			.param("by", recordedBy)
			.param("now", now)
			.update();
	}

	/**
	 * The stock of these SKUs at the locations that take new allocations (active, shipping), optionally only
	 * in one country or at one location, in SKU and location order.
	 */
	List<StockLevel> allocatable(Collection<String> skus, String country, String locationId) {
		return jdbc.sql("""
				select s.location_id, s.sku, s.on_hand, s.reserved, s.safety_stock from stock s
				join location l on l.id = s.location_id
				where s.sku in (:skus) and l.active = true and l.ships = true
				  and (cast(:country as varchar(2)) is null or l.country = :country)
				  and (cast(:locationId as varchar(64)) is null or l.id = :locationId)
				order by s.sku, s.location_id""")
			.param("skus", skus)
			.param("country", country, java.sql.Types.VARCHAR)
			.param("locationId", locationId, java.sql.Types.VARCHAR)
			.query((rs, n) -> new StockLevel(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
					rs.getInt(5)))
			.list();
	}

}
