package io.orderflow.exchange;

import java.util.Map;
import java.util.UUID;

import io.orderflow.service.UnitsInFlight;

import org.springframework.stereotype.Component;

/**
 * Units per line number that REQUESTED exchanges of an order send back: not yet return-initiated on the order
 * line (approval counts them there), but not available to another return, reshipment or exchange.
 */
@Component
class ExchangesInFlight implements UnitsInFlight {

	private final ExchangeRepository repository;

	ExchangesInFlight(ExchangeRepository repository) {
		this.repository = repository;
	}

	@Override
	public Map<Integer, Integer> unitsInFlight(UUID orderId) {
		return repository.requestedUnits(orderId);
	}

}
