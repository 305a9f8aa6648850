package io.orderflow.addresschange;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@code orderflow.service.address-change-deadline}: how long a location has to accept or refuse a change of
 * address for goods it already has (ISO 8601 duration, default {@code PT4H}); without an answer by then they
 * ship to the old address.
 */
@Component("addressChangeSettings")
@ConfigurationProperties("orderflow.service")
public class AddressChangeSettings {

	private Duration addressChangeDeadline = Duration.ofHours(4);

	public Duration getAddressChangeDeadline() {
		return addressChangeDeadline;
	}

	public void setAddressChangeDeadline(Duration addressChangeDeadline) {
		this.addressChangeDeadline = addressChangeDeadline;
	}

}
