package io.orderflow.service;

import java.util.Map;
import java.util.UUID;

/**
 * Units of an order's lines that open service requests have asked for and the order line does not count yet:
 * what REQUESTED returns ask for, what open reshipments ask for and has not shipped. Each feature answers for
 * its own requests; {@link AvailableUnits} adds them up, so that no feature reads another's tables.
 */
public interface UnitsInFlight {

	/** Units per order line number; lines without any are left out. */
	Map<Integer, Integer> unitsInFlight(UUID orderId);

}
