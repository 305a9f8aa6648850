package io.orderflow.inventory;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over product, location and stock. */
@Repository
class InventoryRepository {

	private final JdbcClient jdbc;

	InventoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Returned units back on the shelf: on hand goes up (a stock row is created where there was none). */
	void restock(String locationId, String sku, int quantity, OffsetDateTime now) {
		int updated = jdbc.sql("""
				update stock set on_hand = on_hand + :quantity, updated_at = :now
				where location_id = :locationId and sku = :sku""")
			.param("quantity", quantity)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
		if (updated == 0) {
			setOnHand(locationId, sku, quantity, now);
		}
	}

	void setOnHand(String locationId, String sku, int onHand, OffsetDateTime now) {
		int updated = jdbc.sql("""
				update stock set on_hand = :onHand, updated_at = :now where location_id = :locationId and sku = :sku""")
			.param("onHand", onHand)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into stock (location_id, sku, on_hand, reserved, updated_at)
					values (:locationId, :sku, :onHand, 0, :now)""")
				.param("onHand", onHand)
				.param("now", now)
				.param("locationId", locationId)
				.param("sku", sku)
				.update();
		}
	}

	List<StockLevel> stock(String sku) {
		return jdbc.sql("select location_id, sku, on_hand, reserved, safety_stock from stock where sku = :sku"
				+ " order by location_id")
			.param("sku", sku)
			.query((rs, n) -> new StockLevel(rs.getString("location_id"), rs.getString("sku"), rs.getInt("on_hand"),
					rs.getInt("reserved"), rs.getInt("safety_stock")))
			.list();
	}

	/**
	 * Stock rows of these SKUs, ordered by location and SKU. With {@code lock} they are locked
	 * ({@code for update}) in that order, so that two lockers never wait for each other in a cycle.
	 */
	List<StockLevel> stockOf(Collection<String> skus, boolean lock) {
		return jdbc.sql("select location_id, sku, on_hand, reserved, safety_stock from stock where sku in (:skus)"
				+ " order by location_id, sku" + (lock ? " for update" : ""))
			.param("skus", skus)
			.query((rs, n) -> new StockLevel(rs.getString("location_id"), rs.getString("sku"), rs.getInt("on_hand"),
					rs.getInt("reserved"), rs.getInt("safety_stock")))
			.list();
	}

	/**
	 * Reserves {@code quantity} only if that much is still available: the condition is evaluated on the
	 * current row (after waiting for whoever holds its lock), so two orders never both get the last unit.
	 * @return 1 when reserved, 0 when not enough was available
	 */
	int reserve(String locationId, String sku, int quantity, OffsetDateTime now) {
		return jdbc.sql("""
				update stock set reserved = reserved + :quantity, updated_at = :now
				where location_id = :locationId and sku = :sku and on_hand - reserved - safety_stock >= :quantity""")
			.param("quantity", quantity)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
	}

	/** @return 1 when released, 0 when less than {@code quantity} was reserved */
	int release(String locationId, String sku, int quantity, OffsetDateTime now) {
		return jdbc.sql("""
				update stock set reserved = reserved - :quantity, updated_at = :now
				where location_id = :locationId and sku = :sku and reserved >= :quantity""")
			.param("quantity", quantity)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
	}

	/** Stock leaves the building: on hand and reserved both go down. @return 1, or 0 when not reserved */
	int consume(String locationId, String sku, int quantity, OffsetDateTime now) {
		return jdbc.sql("""
				update stock set on_hand = greatest(on_hand - :quantity, 0), reserved = reserved - :quantity, updated_at = :now
				where location_id = :locationId and sku = :sku and reserved >= :quantity""")
			.param("quantity", quantity)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
	}

}
