package io.orderflow.inventory;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over product, location and stock. */
@Repository
class InventoryRepository {

	private final JdbcClient jdbc;

	InventoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Set<String> existingSkus(Collection<String> skus) {
		return new HashSet<>(jdbc.sql("select sku from product where sku in (:skus)")
			.param("skus", skus)
			.query(String.class)
			.list());
	}

	Optional<Product> product(String sku) {
		return jdbc.sql("select sku, name, returnable from product where sku = :sku")
			.param("sku", sku)
			.query((rs, n) -> new Product(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
			.optional();
	}

	/** Inserts or updates a product; written as update-then-insert so it runs the same on H2 and PostgreSQL. */
	void saveProduct(Product product, OffsetDateTime now) {
		int updated = jdbc.sql("update product set name = :name, returnable = :returnable where sku = :sku")
			.param("sku", product.sku())
			.param("name", product.name())
			.param("returnable", product.returnable())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into product (sku, name, returnable, created_at) values (:sku, :name, :returnable, :now)")
				.param("sku", product.sku())
				.param("name", product.name())
				.param("returnable", product.returnable())
				.param("now", now)
				.update();
		}
	}

	void saveLocation(Location location) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", location.id());
		params.put("name", location.name());
		params.put("type", location.type().name());
		params.put("priority", location.priority());
		params.put("country", location.country());
		params.put("latitude", location.latitude());
		params.put("longitude", location.longitude());
		params.put("active", location.active());
		int updated = jdbc.sql("""
				update location set name = :name, type = :type, priority = :priority, country = :country,
				  latitude = :latitude, longitude = :longitude, active = :active
				where id = :id""").params(params).update();
		if (updated == 0) {
			jdbc.sql("""
					insert into location (id, name, type, priority, country, latitude, longitude, active)
					values (:id, :name, :type, :priority, :country, :latitude, :longitude, :active)""")
				.params(params)
				.update();
		}
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
		return jdbc.sql("select location_id, sku, on_hand, reserved from stock where sku = :sku order by location_id")
			.param("sku", sku)
			.query((rs, n) -> new StockLevel(rs.getString("location_id"), rs.getString("sku"), rs.getInt("on_hand"),
					rs.getInt("reserved")))
			.list();
	}

	/**
	 * Stock rows of these SKUs, ordered by location and SKU. With {@code lock} they are locked
	 * ({@code for update}) in that order, so that two lockers never wait for each other in a cycle.
	 */
	List<StockLevel> stockOf(Collection<String> skus, boolean lock) {
		return jdbc.sql("select location_id, sku, on_hand, reserved from stock where sku in (:skus)"
				+ " order by location_id, sku" + (lock ? " for update" : ""))
			.param("skus", skus)
			.query((rs, n) -> new StockLevel(rs.getString("location_id"), rs.getString("sku"), rs.getInt("on_hand"),
					rs.getInt("reserved")))
			.list();
	}

	List<Location> locations(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select id, name, type, priority, country, latitude, longitude, active from location
				where id in (:ids) order by id""")
			.param("ids", ids)
			.query((rs, n) -> new Location(rs.getString("id"), rs.getString("name"),
					LocationType.valueOf(rs.getString("type")), rs.getInt("priority"), rs.getString("country"),
					rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), rs.getBoolean("active")))
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
				where location_id = :locationId and sku = :sku and on_hand - reserved >= :quantity""")
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
				update stock set on_hand = on_hand - :quantity, reserved = reserved - :quantity, updated_at = :now
				where location_id = :locationId and sku = :sku and reserved >= :quantity""")
			.param("quantity", quantity)
			.param("now", now)
			.param("locationId", locationId)
			.param("sku", sku)
			.update();
	}

	long countProducts() {
		return jdbc.sql("select count(*) from product").query(Long.class).single();
	}

}
