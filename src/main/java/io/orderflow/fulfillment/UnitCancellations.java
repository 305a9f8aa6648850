package io.orderflow.fulfillment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderflow.inventory.Inventory;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Canceling units of an order in fulfillment: what is not allocated yet, and what open fulfillment orders hold,
 * those least far along first. The cancellation feature and the lifecycle's canceled backorders come here;
 * a fulfillment order that loses all its units is canceled through {@link FulfillmentOrders}.
 */
@Service
public class UnitCancellations {

	private final FulfillmentOrders fulfillmentOrders;

	private final FulfillmentOrderRepository repository;

	private final Orders orders;

	private final Inventory inventory;

	private final FulfillmentOrderEvents events;

	UnitCancellations(FulfillmentOrders fulfillmentOrders, FulfillmentOrderRepository repository, Orders orders,
			Inventory inventory, FulfillmentOrderEvents events) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.repository = repository;
		this.orders = orders;
		this.inventory = inventory;
		this.events = events;
	}

	/**
	 * Cancels units of the order's lines that have not shipped, as a cancellation asks: first what is not
	 * allocated yet, then what open fulfillment orders hold, those least far along first (CREATED before
	 * RELEASED before PICKED before PACKED), newest first among equals. A fulfillment order that loses all its
	 * units is CANCELED ({@link FulfillmentOrders#cancel}); one that loses some ships the rest. Reservations are released and
	 * the units count as canceled on the order lines. Units that shipped (or that no open fulfillment order
	 * holds) are not canceled: the result says how many per line.
	 * <p>
	 * Locks the order first, as {@link FulfillmentOrders#markShipped} does, so a cancellation and a location's SHIPPED report
	 * for the same order happen one after the other: a fulfillment order is either canceled before it ships
	 * or ships and is not canceled.
	 * @param requested units to cancel per line number
	 * @throws UnknownOrderException when there is no such order
	 * @throws IllegalArgumentException when the order has no such line
	 */
	@Transactional
	public UnitsCanceled cancelUnits(UUID orderId, Map<Integer, Integer> requested, String reason, String actor) {
		Order order = fulfillmentOrders.lockOrder(orderId);
		Map<Integer, OrderLine> lines = order.lines()
			.stream()
			.collect(Collectors.toMap(OrderLine::lineNumber, Function.identity()));
		Map<Integer, Integer> remaining = new TreeMap<>();
		Map<Integer, Integer> canceled = new TreeMap<>();
		requested.forEach((lineNumber, quantity) -> {
			if (!lines.containsKey(lineNumber)) {
				throw new IllegalArgumentException("Order " + order.orderNumber() + " has no line " + lineNumber);
			}
			remaining.put(lineNumber, quantity);
			canceled.put(lineNumber, 0);
		});
		for (Map.Entry<Integer, Integer> entry : remaining.entrySet()) {
			OrderLine line = lines.get(entry.getKey());
			int take = Math.min(entry.getValue(), line.quantities().availableToCancel());
			if (take > 0) {
				orders.changeQuantities(orderId, line.lineNumber(), QuantityChange.canceled(take), actor,
						"Canceled " + take + " unallocated × " + line.sku() + ": " + reason);
				entry.setValue(entry.getValue() - take);
				canceled.merge(line.lineNumber(), take, Integer::sum);
			}
		}
		List<UUID> canceledOrders = new ArrayList<>();
		// a reshipment's fulfillment orders send shipped units again: nothing of them is canceled here
		List<FulfillmentOrder> candidates = new ArrayList<>(
				repository.ofOrder(orderId).stream().filter(fo -> !fo.reshipment()).toList());
		Collections.reverse(candidates);
		candidates.sort(Comparator.comparingInt(fo -> fo.status().open() ? fo.status().step() : Integer.MAX_VALUE));
		for (FulfillmentOrder candidate : candidates) {
			if (remaining.values().stream().allMatch(q -> q == 0)) {
				break;
			}
			FulfillmentOrder fo = fulfillmentOrders.lockFulfillmentOrder(candidate.id());
			if (!fo.status().open()) {
				continue;
			}
			Map<Integer, Integer> take = new TreeMap<>();
			for (FulfillmentOrderLine line : fo.lines()) {
				int quantity = Math.min(remaining.getOrDefault(line.lineNumber(), 0), line.quantity());
				if (quantity > 0) {
					take.put(line.lineNumber(), quantity);
				}
			}
			if (take.isEmpty()) {
				continue;
			}
			boolean whole = fo.lines().stream().allMatch(line -> take.getOrDefault(line.lineNumber(), 0) == line.quantity());
			if (whole) {
				fulfillmentOrders.cancel(fo.id(), reason, actor);
				canceledOrders.add(fo.id());
				for (FulfillmentOrderLine line : fo.lines()) {
					orders.changeQuantities(orderId, line.lineNumber(), QuantityChange.canceled(line.quantity()), actor,
							"Canceled " + line.quantity() + " × " + line.sku() + " with fulfillment order " + fo.number());
				}
			}
			else {
				List<FulfillmentOrderLine> reduced = fo.lines()
					.stream()
					.filter(line -> take.containsKey(line.lineNumber()))
					.map(line -> new FulfillmentOrderLine(line.lineNumber(), line.sku(), take.get(line.lineNumber())))
					.sorted(FulfillmentOrders.STOCK_ORDER)
					.toList();
				for (FulfillmentOrderLine line : reduced) {
					inventory.release(fo.locationId(), line.sku(), line.quantity());
				}
				for (FulfillmentOrderLine line : fo.lines()) {
					int quantity = take.getOrDefault(line.lineNumber(), 0);
					if (quantity > 0) {
						repository.updateLineQuantity(fo.id(), line.lineNumber(), line.quantity() - quantity, fulfillmentOrders.now());
						orders.changeQuantities(orderId, line.lineNumber(),
								new QuantityChange(quantity, -quantity, 0, 0, 0, 0), actor, "Canceled " + quantity + " × "
										+ line.sku() + " of fulfillment order " + fo.number() + " at " + fo.locationId());
					}
				}
				orders.record(orderId, TimelineType.FULFILLMENT, actor, "Fulfillment order " + fo.number()
						+ " reduced by " + FulfillmentOrders.describe(reduced) + ": " + reason);
				events.reduced(fulfillmentOrders.find(fo.id()), reason);
			}
			take.forEach((lineNumber, quantity) -> {
				remaining.merge(lineNumber, -quantity, Integer::sum);
				canceled.merge(lineNumber, quantity, Integer::sum);
			});
		}
		return new UnitsCanceled(canceled, remaining, canceledOrders);
	}

	/**
	 * What {@link #cancelUnits} did: units canceled and units not canceled (shipped) per line number, and the
	 * fulfillment orders it canceled as a whole (their processes are to end).
	 */
	public record UnitsCanceled(Map<Integer, Integer> canceled, Map<Integer, Integer> notCanceled,
			List<UUID> canceledFulfillmentOrders) {
	}

	/**
	 * Cancels whatever is still unallocated on every line of the order ({@code QuantityChange.canceled}).
	 * @return the units canceled (0 when everything is allocated)
	 */
	@Transactional
	public int cancelUnallocated(UUID orderId, String actor) {
		Order order = fulfillmentOrders.lockOrder(orderId);
		List<String> canceled = new ArrayList<>();
		int total = 0;
		for (OrderLine line : order.lines()) {
			int quantity = line.quantities().availableToCancel();
			if (quantity > 0) {
				orders.changeQuantities(orderId, line.lineNumber(), QuantityChange.canceled(quantity), actor,
						"Canceled " + quantity + " unallocated × " + line.sku());
				canceled.add("line " + line.lineNumber() + ": " + quantity + " × " + line.sku());
				total += quantity;
			}
		}
		if (total > 0) {
			orders.record(orderId, TimelineType.ALLOCATION, actor,
					"Canceled " + total + " unallocated unit(s): " + String.join(", ", canceled));
		}
		return total;
	}

}
