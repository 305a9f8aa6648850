package io.orderflow.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.orderflow.order.Address;
import io.orderflow.platform.SandboxNotAllowedException;
import io.orderflow.platform.Sequences;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The built-in carrier: issues tracking numbers from a database sequence and remembers every booking
 * by its idempotency key, so that a retried booking returns the same parcel. It delivers only to the
 * configured countries and is unreachable for one configured postal code.
 */
@Component
@ConditionalOnProperty(name = "orderflow.delivery.carrier", havingValue = "sandbox", matchIfMissing = true)
class SandboxCarrier implements Carrier {

	private final JdbcClient jdbc;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final Sequences sequences;

	SandboxCarrier(JdbcClient jdbc, DeliveryProperties properties, Clock clock, Sequences sequences,
			@Value("${orderflow.delivery.allow-sandbox:true}") boolean allowed) {
		if (!allowed) {
			throw new SandboxNotAllowedException("the sandbox carrier", "orderflow.delivery.carrier=sandbox",
					"orderflow.delivery.allow-sandbox", "ORDERFLOW_DELIVERY_ALLOW_SANDBOX");
		}
		this.jdbc = jdbc;
		this.sequences = sequences;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "SANDBOX";
	}

	@Override
	public CarrierBooking book(String idempotencyKey, String fulfillmentOrderNumber, Address shipTo) {
		Optional<CarrierBooking> earlier = find(idempotencyKey);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		if (properties.sandboxUnavailablePostalCode().equals(shipTo.postalCode())) {
			throw new CarrierUnavailableException("Sandbox carrier unreachable for postal code " + shipTo.postalCode());
		}
		if (!properties.sandboxCountries().contains(shipTo.country())) {
			throw new CarrierRejectedException("Sandbox carrier does not deliver to " + shipTo.country());
		}
		long number = sequences.next("sandbox_tracking_seq");
		CarrierBooking booking = new CarrierBooking("SBX" + number, "label:" + fulfillmentOrderNumber + ":" + number);
		try {
			jdbc.sql("""
					insert into sandbox_carrier_booking (idempotency_key, tracking_number, label_reference, country, created_at)
					values (:key, :tracking, :label, :country, :now)""")
				.param("key", idempotencyKey)
				.param("tracking", booking.trackingNumber())
				.param("label", booking.labelReference())
				.param("country", shipTo.country())
				.param("now", OffsetDateTime.now(clock))
				.update();
			return booking;
		}
		catch (DuplicateKeyException concurrentBooking) {
			return find(idempotencyKey).orElseThrow(() -> concurrentBooking);
		}
	}

	private Optional<CarrierBooking> find(String idempotencyKey) {
		return jdbc.sql("select tracking_number, label_reference from sandbox_carrier_booking where idempotency_key = :key")
			.param("key", idempotencyKey)
			.query((rs, n) -> new CarrierBooking(rs.getString(1), rs.getString(2)))
			.optional();
	}

}
