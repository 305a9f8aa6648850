package io.orderflow.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over the catalog (product) and the locations, as the systems that own them send them. */
@Repository
class CatalogRepository {

	private static final String PRODUCT_COLUMNS = "sku, name, returnable, active, weight_grams, attributes";

	private static final String LOCATION_COLUMNS = """
			id, name, type, priority, country, latitude, longitude, active, ships, accepts_returns""";

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final ObjectMapper json;

	CatalogRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ObjectMapper json) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
	}

	Optional<Product> product(String sku) {
		return jdbc.sql("select " + PRODUCT_COLUMNS + " from product where sku = :sku")
			.param("sku", sku)
			.query((RowMapper<Product>) this::product)
			.optional();
	}

	/** One page of the catalog in SKU order, optionally only the active or the inactive products. */
	List<Product> products(Boolean active, int page, int size) {
		return jdbc.sql("select " + PRODUCT_COLUMNS + " from product"
				+ (active == null ? "" : " where active = :active") + " order by sku limit :size offset :offset")
			.param("active", active)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((RowMapper<Product>) this::product)
			.list();
	}

	long countProducts(Boolean active) {
		return jdbc.sql("select count(*) from product" + (active == null ? "" : " where active = :active"))
			.param("active", active)
			.query(Long.class)
			.single();
	}

	/** Whether each of {@code skus} that the catalog knows is active; unknown SKUs are absent. */
	Map<String, Boolean> activeBySku(Collection<String> skus) {
		Map<String, Boolean> active = new HashMap<>();
		jdbc.sql("select sku, active from product where sku in (:skus)")
			.param("skus", skus)
			.query(rs -> {
				active.put(rs.getString(1), rs.getBoolean(2));
			});
		return active;
	}

	/**
	 * Creates or updates the products, in batches: an update of every one, then an insert of those that were
	 * not there. A concurrent insert of the same new SKU breaks the primary key (the caller retries).
	 * @return how many were created
	 */
	int upsert(List<Product> products, OffsetDateTime now) {
		MapSqlParameterSource[] rows = products.stream().map(p -> params(p, now)).toArray(MapSqlParameterSource[]::new);
		int[] updated = batch.batchUpdate("""
				update product set name = :name, returnable = :returnable, active = :active,
				  weight_grams = :weightGrams, attributes = :attributes, updated_at = :now
				where sku = :sku""", rows);
		List<MapSqlParameterSource> missing = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			if (updated[i] == 0) {
				missing.add(rows[i]);
			}
		}
		if (!missing.isEmpty()) {
			batch.batchUpdate("""
					insert into product (sku, name, returnable, active, weight_grams, attributes, created_at, updated_at)
					values (:sku, :name, :returnable, :active, :weightGrams, :attributes, :now, :now)""",
					missing.toArray(MapSqlParameterSource[]::new));
		}
		return missing.size();
	}

	/** Deletes the product with the stock rows that hold nothing of it; the caller has checked the rest. */
	boolean deleteProduct(String sku) {
		jdbc.sql("delete from stock where sku = :sku and on_hand = 0 and reserved = 0").param("sku", sku).update();
		return jdbc.sql("delete from product where sku = :sku").param("sku", sku).update() == 1;
	}

	/** The locations that hold units of the SKU (on hand or reserved). */
	List<String> locationsHolding(String sku) {
		return jdbc.sql("select location_id from stock where sku = :sku and (on_hand > 0 or reserved > 0)"
				+ " order by location_id")
			.param("sku", sku)
			.query(String.class)
			.list();
	}

	void recordImport(java.util.UUID id, int created, int updated, String by, OffsetDateTime now) {
		jdbc.sql("""
				insert into catalog_import (id, created, updated, imported_by, imported_at)
				values (:id, :created, :updated, :by, :now)""")
			.param("id", id)
			.param("created", created)
			.param("updated", updated)
			.param("by", by)
			.param("now", now)
			.update();
	}

	Optional<CatalogImport> catalogImport(java.util.UUID id) {
		return jdbc.sql("select id, created, updated from catalog_import where id = :id")
			.param("id", id)
			.query((rs, n) -> new CatalogImport(rs.getObject("id", java.util.UUID.class), rs.getInt("created"),
					rs.getInt("updated")))
			.optional();
	}

	Optional<Location> location(String id) {
		return jdbc.sql("select " + LOCATION_COLUMNS + " from location where id = :id")
			.param("id", id)
			.query(CatalogRepository::location)
			.optional();
	}

	List<Location> locations() {
		return jdbc.sql("select " + LOCATION_COLUMNS + " from location order by id")
			.query(CatalogRepository::location)
			.list();
	}

	List<Location> locations(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + LOCATION_COLUMNS + " from location where id in (:ids) order by id")
			.param("ids", ids)
			.query(CatalogRepository::location)
			.list();
	}

	/** Creates or updates a location. @return true when it was created */
	boolean saveLocation(Location location) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", location.id());
		params.put("name", location.name());
		params.put("type", location.type().name());
		params.put("priority", location.priority());
		params.put("country", location.country());
		params.put("latitude", location.latitude());
		params.put("longitude", location.longitude());
		params.put("active", location.active());
		params.put("ships", location.ships());
		params.put("acceptsReturns", location.acceptsReturns());
		int updated = jdbc.sql("""
				update location set name = :name, type = :type, priority = :priority, country = :country,
				  latitude = :latitude, longitude = :longitude, active = :active, ships = :ships,
				  accepts_returns = :acceptsReturns
				where id = :id""").params(params).update();
		if (updated == 0) {
			jdbc.sql("""
					insert into location (id, name, type, priority, country, latitude, longitude, active, ships,
					  accepts_returns)
					values (:id, :name, :type, :priority, :country, :latitude, :longitude, :active, :ships,
					  :acceptsReturns)""").params(params).update();
			return true;
		}
		return false;
	}

	private MapSqlParameterSource params(Product product, OffsetDateTime now) {
		return new MapSqlParameterSource().addValue("sku", product.sku())
			.addValue("name", product.name())
			.addValue("returnable", product.returnable())
			.addValue("active", product.active())
			.addValue("weightGrams", product.weightGrams(), java.sql.Types.INTEGER)
			.addValue("attributes", product.attributes().isEmpty() ? null : write(product.attributes()),
					java.sql.Types.VARCHAR)
			.addValue("now", now);
	}

	private String write(Map<String, String> attributes) {
		try {
			return json.writeValueAsString(new java.util.TreeMap<>(attributes));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private Product product(ResultSet rs, int n) throws SQLException {
		String attributes = rs.getString("attributes");
		try {
			return new Product(rs.getString("sku"), rs.getString("name"), rs.getBoolean("returnable"),
					rs.getBoolean("active"), rs.getObject("weight_grams", Integer.class),
					attributes == null ? Map.of() : json.readValue(attributes, ATTRIBUTES));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Unreadable attributes of product " + rs.getString("sku"), e);
		}
	}

	private static Location location(ResultSet rs, int n) throws SQLException {
		return new Location(rs.getString("id"), rs.getString("name"), LocationType.valueOf(rs.getString("type")),
				rs.getInt("priority"), rs.getString("country"), rs.getBigDecimal("latitude"),
				rs.getBigDecimal("longitude"), rs.getBoolean("active"), rs.getBoolean("ships"),
				rs.getBoolean("accepts_returns"));
	}

	/** A bulk upsert as it was answered. */
	record CatalogImport(java.util.UUID id, int created, int updated) {
	}

}
