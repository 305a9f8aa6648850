package io.orderflow.service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;

import org.springframework.stereotype.Service;

/**
 * What is left of each line to return or to reship: the shipped units not yet in an approved return or a
 * reshipment ({@code availableToReship}), minus the units in flight of every feature ({@link UnitsInFlight}).
 * A return and a reshipment of the same units must never both be accepted: the order line's rule
 * {@code returnInitiated + reshipped <= fulfilled} (checked by the database) must still hold once both go
 * through.
 */
@Service
public class AvailableUnits {

	private final List<UnitsInFlight> inFlight;

	AvailableUnits(List<UnitsInFlight> inFlight) {
		this.inFlight = inFlight;
	}

	/** Per line number, never below zero. */
	public Map<Integer, Integer> toReturnOrReship(Order order) {
		Map<Integer, Integer> taken = new TreeMap<>();
		inFlight.forEach(feature -> feature.unitsInFlight(order.id()).forEach((line, units) -> taken.merge(line, units,
				Integer::sum)));
		Map<Integer, Integer> available = new TreeMap<>();
		for (OrderLine line : order.lines()) {
			int free = line.quantities().availableToReship() - taken.getOrDefault(line.lineNumber(), 0);
			available.put(line.lineNumber(), Math.max(0, free));
		}
		return available;
	}

}
