package io.orderflow.inventory;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

	long countProducts() {
		return jdbc.sql("select count(*) from product").query(Long.class).single();
	}

}
