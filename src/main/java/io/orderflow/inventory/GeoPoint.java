package io.orderflow.inventory;

import java.math.BigDecimal;

/** A point on the earth, in decimal degrees (WGS 84). */
public record GeoPoint(double latitude, double longitude) {

	/** Mean earth radius in kilometres, as the haversine formula commonly uses it. */
	static final double EARTH_RADIUS_KM = 6371.0088;

	public GeoPoint {
		if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
			throw new IllegalArgumentException("Not a point on the earth: " + latitude + ", " + longitude);
		}
	}

	/** The point, or {@code null} when either coordinate is unknown. */
	public static GeoPoint of(BigDecimal latitude, BigDecimal longitude) {
		return latitude == null || longitude == null ? null
				: new GeoPoint(latitude.doubleValue(), longitude.doubleValue());
	}

	/** Great-circle distance in kilometres (haversine). */
	public double distanceKm(GeoPoint other) {
		double phi1 = Math.toRadians(latitude);
		double phi2 = Math.toRadians(other.latitude);
		double dPhi = Math.toRadians(other.latitude - latitude);
		double dLambda = Math.toRadians(other.longitude - longitude);
		double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
				+ Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
	}

}
