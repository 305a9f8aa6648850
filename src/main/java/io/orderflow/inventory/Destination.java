package io.orderflow.inventory;

/**
 * Where an order ships to, as far as routing cares: the country (ISO 3166-1 alpha-2, may be null) and,
 * when known, the point. Shipping addresses carry no coordinates today, so {@code point} is usually null.
 */
public record Destination(String country, GeoPoint point) {

	public static Destination country(String country) {
		return new Destination(country, null);
	}

	public static Destination unknown() {
		return new Destination(null, null);
	}

}
