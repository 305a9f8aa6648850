package io.orderflow.inventory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over stock levels as locations count them, and the movements they report. */
@Repository
class StockRepository {

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	StockRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** One row of a snapshot. */
	record Count(String sku, int onHand, Integer safetyStock) {
	}

	/**
	 * Applies one chunk of a location's snapshot taken at {@code asOf}: rows counted earlier are updated,
	 * missing ones inserted, rows counted at or after {@code asOf} left alone.
	 * @return how many rows were applied
	 */
	int applyCounts(String locationId, List<Count> counts, OffsetDateTime asOf, OffsetDateTime now) {
		MapSqlParameterSource[] rows = counts.stream()
			.map(count -> new MapSqlParameterSource().addValue("locationId", locationId)
				.addValue("sku", count.sku())
				.addValue("onHand", count.onHand())
				.addValue("safety", count.safetyStock(), java.sql.Types.INTEGER)
				.addValue("asOf", asOf)
				.addValue("now", now))
			.toArray(MapSqlParameterSource[]::new);
		int[] updated = batch.batchUpdate("""
				update stock set on_hand = :onHand, safety_stock = coalesce(:safety, safety_stock), counted_at = :asOf,
				  updated_at = :now
				where location_id = :locationId and sku = :sku and (counted_at is null or counted_at < :asOf)""", rows);
		int applied = 0;
		List<String> notUpdated = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			if (updated[i] > 0) {
				applied++;
			}
			else {
				notUpdated.add(counts.get(i).sku());
			}
		}
		if (notUpdated.isEmpty()) {
			return applied;
		}
		Set<String> present = new HashSet<>(jdbc.sql("select sku from stock where location_id = :locationId and sku in (:skus)")
			.param("locationId", locationId)
			.param("skus", notUpdated)
			.query(String.class)
			.list());
		List<MapSqlParameterSource> missing = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			if (updated[i] == 0 && !present.contains(counts.get(i).sku())) {
				Integer safety = counts.get(i).safetyStock();
				missing.add(rows[i].addValue("safety", safety == null ? 0 : safety));
			}
		}
		if (!missing.isEmpty()) {
			batch.batchUpdate("""
					insert into stock (location_id, sku, on_hand, reserved, safety_stock, counted_at, updated_at)
					values (:locationId, :sku, :onHand, 0, :safety, :asOf, :now)""",
					missing.toArray(MapSqlParameterSource[]::new));
		}
		return applied + missing.size();
	}

	/** SKUs held at the location (on hand or reserved) whose count is older than {@code asOf}. */
	List<String> heldAndCountedBefore(String locationId, OffsetDateTime asOf) {
		return jdbc.sql("""
				select sku from stock where location_id = :locationId and (on_hand > 0 or reserved > 0)
				  and (counted_at is null or counted_at < :asOf) order by sku""")
			.param("locationId", locationId)
			.param("asOf", asOf)
			.query(String.class)
			.list();
	}

	/** What may be promised of each of {@code skus} at the location, where it has a row. */
	Map<String, Integer> available(String locationId, Collection<String> skus) {
		return perSku("greatest(on_hand - reserved - safety_stock, 0)", "", locationId, skus);
	}

	/** What each of {@code skus} at the location is short of what it holds reserved, where it is. */
	Map<String, Integer> shortfalls(String locationId, Collection<String> skus) {
		return perSku("reserved - on_hand", " and reserved > on_hand", locationId, skus);
	}

	private Map<String, Integer> perSku(String value, String condition, String locationId, Collection<String> skus) {
		Map<String, Integer> perSku = new TreeMap<>();
		jdbc.sql("select sku, " + value + " from stock where location_id = :locationId and sku in (:skus)" + condition)
			.param("locationId", locationId)
			.param("skus", skus)
			.query(rs -> {
				perSku.put(rs.getString(1), rs.getInt(2));
			});
		return perSku;
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
