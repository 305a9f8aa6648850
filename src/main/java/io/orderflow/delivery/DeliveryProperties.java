package io.orderflow.delivery;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.delivery.*}: the sandbox carrier's countries and, in the demo profile, how fast its
 * simulated parcels travel.
 * @param sandboxCountries countries the sandbox carrier delivers to; others are refused
 * @param sandboxUnavailablePostalCode a postal code for which the sandbox carrier is unreachable (tests
 * of retries and incidents)
 * @param simulation whether the sandbox carrier reports IN_TRANSIT and DELIVERED by itself (demo)
 * @param inTransitAfter how long after booking a simulated parcel is reported in transit
 * @param deliveredAfter how long after in transit it is reported delivered
 */
@ConfigurationProperties("orderflow.delivery")
record DeliveryProperties(@DefaultValue({ "DE", "AT", "CH", "NL", "BE", "FR", "DK", "PL", "GB", "US" }) Set<String> sandboxCountries,
		@DefaultValue("00000") String sandboxUnavailablePostalCode, @DefaultValue("false") boolean simulation,
		@DefaultValue("PT20S") Duration inTransitAfter, @DefaultValue("PT40S") Duration deliveredAfter) {
}
