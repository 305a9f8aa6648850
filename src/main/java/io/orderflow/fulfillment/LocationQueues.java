package io.orderflow.fulfillment;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a location has to work on, as the location sees it: its queue of fulfillment orders in one status,
 * oldest first, and its open ones with a SKU, newest first (the ones a shortfall of that SKU rejects).
 */
@Component
class LocationQueues {

	static final List<FulfillmentOrderStatus> OPEN = List.of(FulfillmentOrderStatus.CREATED,
			FulfillmentOrderStatus.RELEASED, FulfillmentOrderStatus.PICKED, FulfillmentOrderStatus.PACKED);

	private final FulfillmentOrderRepository repository;

	LocationQueues(FulfillmentOrderRepository repository) {
		this.repository = repository;
	}

	/** The location's fulfillment orders in {@code status}, oldest first, a page at a time, with their lines. */
	@Transactional(readOnly = true)
	List<FulfillmentOrder> queue(String locationId, FulfillmentOrderStatus status, int page, int size) {
		return repository.atLocation(locationId, List.of(status), null, false, page, size);
	}

	/** The location's open fulfillment orders with a line of {@code sku}, newest first (at most {@code limit}). */
	@Transactional(readOnly = true)
	List<FulfillmentOrder> openWith(String locationId, String sku, int limit) {
		return repository.atLocation(locationId, OPEN, sku, true, 0, limit);
	}

}
