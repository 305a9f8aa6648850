package io.orderflow.fulfillment;

import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.StockShortfall;
import io.orderflow.platform.events.EventConflictException;
import io.orderflow.platform.events.InboundEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A location counted fewer units than it holds reserved: its open fulfillment orders with that SKU are
 * rejected, newest first, until what they hold covers the shortfall, exactly as the location's own REJECTED
 * report would reject them (the lifecycle places their lines elsewhere, or backorders them). Each fulfillment
 * order is rejected once ({@code stock-shortfall-<id>} as the event id), and one already being rejected counts
 * towards the shortfall, so a shortfall heard twice rejects nothing more.
 */
@Component
class StockShortfalls {

	private static final Logger log = LoggerFactory.getLogger(StockShortfalls.class);

	private final LocationQueues queues;

	private final Inventory inventory;

	private final LocationEvents locationEvents;

	private final InboundEvents inbox;

	StockShortfalls(LocationQueues queues, Inventory inventory, LocationEvents locationEvents,
			InboundEvents inbox) {
		this.queues = queues;
		this.inventory = inventory;
		this.locationEvents = locationEvents;
		this.inbox = inbox;
	}

	/** After the count's transaction commits, in one of its own; stored and delivered again after a crash. */
	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void on(StockShortfall shortfall) {
		int shortBy = inventory.stock(shortfall.sku())
			.stream()
			.filter(level -> level.locationId().equals(shortfall.locationId()))
			.mapToInt(level -> level.reserved() - level.onHand())
			.findFirst()
			.orElse(0);
		int covered = 0;
		for (FulfillmentOrder fo : queues.openWith(shortfall.locationId(), shortfall.sku(), 1000)) {
			if (covered >= shortBy) {
				return;
			}
			covered += fo.lines()
				.stream()
				.filter(line -> line.sku().equals(shortfall.sku()))
				.mapToInt(FulfillmentOrderLine::quantity)
				.sum();
			String eventId = "stock-shortfall-" + fo.id();
			if (inbox.find(eventId).isPresent()) {
				continue;
			}
			try {
				locationEvents.receive(fo.id(), new LocationEventRequest(eventId, LocationEvents.REJECTED, null, null,
						null, "counted short: " + shortfall.locationId() + " has fewer of " + shortfall.sku()
								+ " than it holds reserved",
						null));
				log.info("Fulfillment order {} rejected: {} counted short of {}", fo.number(), shortfall.locationId(),
						shortfall.sku());
			}
			catch (EventConflictException shippedMeanwhile) {
				log.info("Fulfillment order {} not rejected for a shortfall: {}", fo.number(),
						shippedMeanwhile.getMessage());
			}
		}
	}

}
