package io.orderflow.fulfillment;

import static io.orderflow.platform.Text.blankToNull;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderflow.inventory.Destination;
import io.orderflow.inventory.GeoPoint;
import io.orderflow.inventory.Inventory;
import io.orderflow.inventory.LineQuantity;
import io.orderflow.inventory.PlannedShipment;
import io.orderflow.inventory.RoutingPlan;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Orders;
import io.orderflow.order.QuantityChange;
import io.orderflow.order.TimelineType;
import io.orderflow.order.UnknownOrderException;
import io.orderflow.platform.web.StateConflictException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fulfillment module's public service. It allocates an order's lines to locations (one fulfillment
 * order per location per allocation), follows each fulfillment order from CREATED to DELIVERED, and handles
 * rejections and cancellations. All quantities of the order lines change through {@link Orders}, and so
 * does the order's timeline.
 * <p>
 * Every operation is one database transaction and joins the caller's, for instance a Camunda job's. It
 * is safe to run on several nodes against one database. An operation that changes an order's allocation
 * locks the order's row first (as every step does), then the fulfillment order's, then stock in (location, SKU) order.
 * Status transitions only go forward. A repeated event, such as a second "shipped", changes nothing and
 * returns {@code false}.
 */
@Service
public class FulfillmentOrders {

	/** The actor of what Orderflow itself does, e.g. releasing to a location or re-routing. */
	public static final String SYSTEM = "orderflow";

	static final Comparator<FulfillmentOrderLine> STOCK_ORDER = Comparator
		.comparing(FulfillmentOrderLine::sku)
		.thenComparingInt(FulfillmentOrderLine::lineNumber);

	private final FulfillmentOrderRepository repository;

	private final Orders orders;

	private final Inventory inventory;

	private final FulfillmentOrderEvents events;

	private final Clock clock;

	/** Orders that have not passed capture, or were refused in it. */
	private static final Set<OrderStatus> NOT_APPROVED = EnumSet.of(OrderStatus.RECEIVED, OrderStatus.ON_HOLD,
			OrderStatus.REJECTED);

	FulfillmentOrders(FulfillmentOrderRepository repository, Orders orders, Inventory inventory,
			FulfillmentOrderEvents events, Clock clock) {
		this.repository = repository;
		this.orders = orders;
		this.inventory = inventory;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Allocates whatever is still unallocated on the order's lines ({@code netOrdered - allocated}). It
	 * reserves the stock, creates one fulfillment order (CREATED) per location, and adds the allocated
	 * quantities to the lines. Calling it again allocates only what is still unallocated, which is nothing
	 * once everything is allocated, so it is safe to retry and to call again when stock arrives for a
	 * backorder.
	 * @throws UnknownOrderException when there is no such order
	 */
	@Transactional
	public AllocationResult allocate(UUID orderId, String actor) {
		return allocate(orderId, null, actor);
	}

	/**
	 * The lifecycle's allocation ({@code Task_AllocateInventory}, {@code Task_RetryAllocation}): as
	 * {@link #allocate(UUID, String)}, for an order that has passed capture. An order still RECEIVED or ON_HOLD
	 * (its payment or risk review not settled), or REJECTED, gets no stock, whatever path the process took.
	 * @throws StateConflictException when the order has not been approved; nothing is allocated
	 */
	@Transactional
	public AllocationResult allocateApproved(UUID orderId, String actor) {
		Order order = lockOrder(orderId);
		if (NOT_APPROVED.contains(order.status())) {
			throw new StateConflictException("Order " + order.orderNumber() + " is not allocated: it is "
					+ order.status() + " and has not been approved");
		}
		return allocate(order, null, null, actor);
	}

	/**
	 * As {@link #allocate(UUID, String)}, with the shipping address's point when it is known. Routing
	 * uses it to break ties by distance.
	 */
	@Transactional
	public AllocationResult allocate(UUID orderId, GeoPoint shipTo, String actor) {
		return allocate(lockOrder(orderId), shipTo, null, actor);
	}

	/** As {@link #allocate(UUID, String)} for the named lines only (an exchange's replacement): invoiced when shipped. */
	@Transactional
	public AllocationResult allocateLines(UUID orderId, Set<Integer> lineNumbers, String actor) {
		return allocate(lockOrder(orderId), null, lineNumbers, actor);
	}

	/** Allocates what the order, locked and read by the caller, has unallocated on the lines (null: every line). */
	private AllocationResult allocate(Order order, GeoPoint shipTo, Set<Integer> lineNumbers, String actor) {
		List<LineQuantity> demand = order.lines()
			.stream()
			.filter(line -> lineNumbers == null || lineNumbers.contains(line.lineNumber()))
			.filter(line -> line.quantities().availableToCancel() > 0)
			.map(line -> new LineQuantity(line.lineNumber(), line.sku(), line.quantities().availableToCancel()))
			.toList();
		if (demand.isEmpty()) {
			return AllocationResult.nothingToAllocate();
		}
		RoutingPlan plan = inventory.allocate(demand, destination(order, shipTo), Set.of());
		List<UUID> created = createFulfillmentOrders(order, plan, null, actor, "Allocated");
		recordBackorder(order, plan, null, actor);
		return new AllocationResult(created, plan.backordered());
	}

	/**
	 * Allocates the units a reshipment sends again, through the same routing as any allocation (fewest
	 * locations, atomic reservations). Its fulfillment orders carry the reshipment's id: they reserve and
	 * consume stock like any other, but their units do not count as allocated on the order lines (they
	 * were allocated and shipped once already) and count as reshipped when they ship. They are never
	 * invoiced or captured. What no location has is left out of the result's fulfillment orders and
	 * reported as backordered.
	 * @param lines units per order line number
	 * @throws UnknownOrderException when there is no such order
	 */
	@Transactional
	public AllocationResult allocateReshipment(UUID orderId, UUID reshipmentId, Map<Integer, Integer> lines,
			String actor) {
		Order order = lockOrder(orderId);
		List<FulfillmentOrder> earlier = repository.ofReshipment(reshipmentId);
		if (!earlier.isEmpty()) {
			// asked again: the first allocation stands
			return new AllocationResult(earlier.stream().map(FulfillmentOrder::id).toList(), Map.of());
		}
		Map<Integer, String> skus = order.lines()
			.stream()
			.collect(Collectors.toMap(OrderLine::lineNumber, OrderLine::sku));
		List<LineQuantity> demand = new TreeMap<>(lines).entrySet()
			.stream()
			.filter(entry -> entry.getValue() > 0)
			.map(entry -> new LineQuantity(entry.getKey(), skus.get(entry.getKey()), entry.getValue()))
			.toList();
		if (demand.isEmpty()) {
			return AllocationResult.nothingToAllocate();
		}
		RoutingPlan plan = inventory.allocate(demand, destination(order, null), Set.of());
		List<UUID> created = createFulfillmentOrders(order, plan, reshipmentId, actor, "Reshipment: allocated");
		recordBackorder(order, plan, reshipmentId, actor);
		return new AllocationResult(created, plan.backordered());
	}

	/** The fulfillment orders of a reshipment (re-routed ones included), in the order they were created. */
	@Transactional(readOnly = true)
	public List<FulfillmentOrder> ofReshipment(UUID reshipmentId) {
		return repository.ofReshipment(reshipmentId);
	}

	/**
	 * Whether shipping the fulfillment order is invoiced and captured: false for one that sends units of a
	 * reshipment again (free of charge). The FulfillmentOrder process asks it before "Capture payment".
	 */
	@Transactional(readOnly = true)
	public boolean chargeable(String fulfillmentOrderId) {
		return !find(UUID.fromString(fulfillmentOrderId)).reshipment();
	}

	/** CREATED → RELEASED: sent to its location. @return false when it already was released */
	@Transactional
	public boolean release(UUID id) {
		return advance(id, FulfillmentOrderStatus.RELEASED, SYSTEM, "released to location");
	}

	/** The location picked it. @return false when it already was PICKED */
	@Transactional
	public boolean markPicked(UUID id) {
		return advance(id, FulfillmentOrderStatus.PICKED, null, "picked");
	}

	/** The location packed it. @return false when it already was PACKED */
	@Transactional
	public boolean markPacked(UUID id) {
		return advance(id, FulfillmentOrderStatus.PACKED, null, "packed");
	}

	/**
	 * The location shipped it, possibly without reporting the earlier steps. Its reserved stock is consumed
	 * and its quantities count as fulfilled on the order lines. Carrier and tracking number may be null
	 * when Orderflow books the carrier later ({@link #setTracking}).
	 * @return false, changing nothing, when it already was SHIPPED (a duplicate event)
	 */
	@Transactional
	public boolean markShipped(UUID id, String carrier, String trackingNumber) {
		FulfillmentOrder fo = lockWithOrder(id);
		if (!mustMove(fo, FulfillmentOrderStatus.SHIPPED)) {
			return false;
		}
		String actor = fo.locationId();
		for (FulfillmentOrderLine line : sortedForStock(fo)) {
			inventory.consume(fo.locationId(), line.sku(), line.quantity());
		}
		for (FulfillmentOrderLine line : fo.lines()) {
			if (fo.reshipment()) {
				orders.changeQuantities(fo.orderId(), line.lineNumber(), QuantityChange.reshipped(line.quantity()), actor,
						"Reshipped " + line.quantity() + " × " + line.sku() + " with fulfillment order " + fo.number());
			}
			else {
				orders.changeQuantities(fo.orderId(), line.lineNumber(), QuantityChange.fulfilled(line.quantity()),
						actor, "Shipped " + line.quantity() + " × " + line.sku() + " with fulfillment order " + fo.number());
			}
		}
		repository.updateShipped(id, blankToNull(carrier), blankToNull(trackingNumber), now());
		orders.record(fo.orderId(), TimelineType.FULFILLMENT, actor, "Fulfillment order " + fo.number() + " shipped from "
				+ fo.locationId() + tracking(blankToNull(carrier), blankToNull(trackingNumber)));
		events.moved(fo, FulfillmentOrderStatus.SHIPPED, null, blankToNull(carrier), blankToNull(trackingNumber));
		return true;
	}

	/**
	 * Records the carrier and tracking number, e.g. once Orderflow has booked the carrier.
	 * @return false when it already had exactly these
	 */
	@Transactional
	public boolean setTracking(UUID id, String carrier, String trackingNumber) {
		if (blankToNull(carrier) == null || blankToNull(trackingNumber) == null) {
			throw new IllegalArgumentException("Carrier and tracking number are both required");
		}
		FulfillmentOrder fo = lockWithOrder(id);
		if (fo.status().closed()) {
			throw new FulfillmentOrderStateException(fo, "get a tracking number");
		}
		if (carrier.strip().equals(fo.carrier()) && trackingNumber.strip().equals(fo.trackingNumber())) {
			return false;
		}
		// no timeline entry of its own: the booking that gave the number has one ("handed to …, tracking …")
		repository.updateTracking(id, carrier.strip(), trackingNumber.strip(), now());
		return true;
	}

	/**
	 * SHIPPED → DELIVERED. Locks the order, then the fulfillment order, as every change does.
	 * @return false when it already was DELIVERED
	 * @throws FulfillmentOrderStateException when it has not shipped
	 */
	@Transactional
	public boolean markDelivered(UUID id) {
		FulfillmentOrder fo = lockWithOrder(id);
		if (!mustMove(fo, FulfillmentOrderStatus.DELIVERED)) {
			return false;
		}
		if (fo.status() != FulfillmentOrderStatus.SHIPPED) {
			throw new FulfillmentOrderStateException(fo, "become DELIVERED before it has shipped");
		}
		repository.updateDelivered(id, now());
		orders.record(fo.orderId(), TimelineType.FULFILLMENT, fo.carrier() == null ? "carrier" : fo.carrier(),
				"Fulfillment order " + fo.number() + " delivered");
		return true;
	}

	/**
	 * The location cannot ship it after all. Its reservations are released, its quantities are taken off
	 * the order lines' allocation, and it becomes REJECTED. Its lines are then routed again to other
	 * locations: never to this one, nor to any other location that rejected a fulfillment order of this
	 * order. Whatever cannot be placed stays unallocated (backordered).
	 * @return the fulfillment orders created for the re-routed lines (possibly none)
	 * @throws FulfillmentOrderStateException when it has shipped, or is already REJECTED or CANCELED
	 */
	@Transactional
	public List<UUID> reject(UUID id, String reason) {
		FulfillmentOrder fo = lockWithOrder(id);
		if (fo.status().closed() || fo.status().shipped()) {
			throw new FulfillmentOrderStateException(fo, "be rejected");
		}
		String actor = fo.locationId();
		undoAllocation(fo, actor, "Rejected by " + fo.locationId() + ": " + reason);
		repository.updateStatus(id, FulfillmentOrderStatus.REJECTED, reason, now());
		orders.record(fo.orderId(), TimelineType.FULFILLMENT, actor,
				"Fulfillment order " + fo.number() + " rejected by " + fo.locationId() + ": " + reason);
		events.moved(fo, FulfillmentOrderStatus.REJECTED, reason);
		Order order = orders.require(fo.orderId());
		List<LineQuantity> demand = fo.lines()
			.stream()
			.map(line -> new LineQuantity(line.lineNumber(), line.sku(), line.quantity()))
			.toList();
		RoutingPlan plan = inventory.allocate(demand, destination(order, null),
				repository.rejectingLocations(order.id()));
		List<UUID> created = createFulfillmentOrders(order, plan, fo.reshipmentId(), SYSTEM,
				"Re-routed after rejection");
		recordBackorder(order, plan, fo.reshipmentId(), SYSTEM);
		return created;
	}

	/**
	 * Calls it off before it ships, e.g. for a cancellation. Its reservations are released and its
	 * quantities are taken off the order lines' allocation. What happens to those units (cancel them, or
	 * allocate them again) is up to the caller.
	 * @return false when it already was CANCELED
	 * @throws FulfillmentOrderStateException when it has shipped or was rejected
	 */
	@Transactional
	public boolean cancel(UUID id, String reason, String actor) {
		FulfillmentOrder fo = lockWithOrder(id);
		if (fo.status() == FulfillmentOrderStatus.CANCELED) {
			return false;
		}
		if (fo.status().closed() || fo.status().shipped()) {
			throw new FulfillmentOrderStateException(fo, "be canceled");
		}
		undoAllocation(fo, actor, "Fulfillment order " + fo.number() + " canceled: " + reason);
		repository.updateStatus(id, FulfillmentOrderStatus.CANCELED, reason, now());
		orders.record(fo.orderId(), TimelineType.FULFILLMENT, actor,
				"Fulfillment order " + fo.number() + " canceled: " + reason);
		events.moved(fo, FulfillmentOrderStatus.CANCELED, reason);
		return true;
	}

	/** Per line number, the units not allocated yet ({@code netOrdered - allocated}); lines with none are left out. */
	@Transactional(readOnly = true)
	public Map<Integer, Integer> unallocated(UUID orderId) {
		Order order = orders.require(orderId);
		Map<Integer, Integer> unallocated = new TreeMap<>();
		for (OrderLine line : order.lines()) {
			if (line.quantities().availableToCancel() > 0) {
				unallocated.put(line.lineNumber(), line.quantities().availableToCancel());
			}
		}
		return unallocated;
	}

	/** @throws FulfillmentOrderNotFoundException when there is none with this id */
	@Transactional(readOnly = true)
	public FulfillmentOrder find(UUID id) {
		return repository.find(id, false).orElseThrow(() -> new FulfillmentOrderNotFoundException(id));
	}

	/** The order's fulfillment orders, in the order they were created (F1, F2, ...). */
	@Transactional(readOnly = true)
	public List<FulfillmentOrder> ofOrder(UUID orderId) {
		return repository.ofOrder(orderId);
	}

	List<UUID> createFulfillmentOrders(Order order, RoutingPlan plan, UUID reshipmentId, String actor,
			String why) {
		Map<Integer, OrderLine> lines = order.lines()
			.stream()
			.collect(Collectors.toMap(OrderLine::lineNumber, Function.identity()));
		List<UUID> created = new ArrayList<>();
		for (PlannedShipment shipment : plan.shipments()) {
			UUID id = UUID.randomUUID();
			int sequence = repository.nextSequence(order.id());
			String number = order.orderNumber() + "-F" + sequence;
			List<FulfillmentOrderLine> foLines = shipment.lines()
				.stream()
				.map(line -> new FulfillmentOrderLine(line.lineNumber(), lines.get(line.lineNumber()).sku(),
						line.quantity()))
				.toList();
			repository.insert(id, order.id(), sequence, number, shipment.locationId(), reshipmentId, foLines, now());
			if (reshipmentId == null) {
				for (FulfillmentOrderLine line : foLines) {
					orders.changeQuantities(order.id(), line.lineNumber(), QuantityChange.allocated(line.quantity()),
							actor, why + " " + line.quantity() + " × " + line.sku() + " to fulfillment order " + number
									+ " at " + shipment.locationId());
				}
			}
			orders.record(order.id(), TimelineType.ALLOCATION, actor, (reshipmentId == null ? "" : "Reshipment: ")
					+ "Fulfillment order " + number + " created at " + shipment.locationId() + ": " + describe(foLines));
			created.add(id);
		}
		return created;
	}

	void recordBackorder(Order order, RoutingPlan plan, UUID reshipmentId, String actor) {
		if (plan.backordered().isEmpty()) {
			return;
		}
		Map<Integer, String> skus = order.lines()
			.stream()
			.collect(Collectors.toMap(OrderLine::lineNumber, OrderLine::sku));
		String what = plan.backordered()
			.entrySet()
			.stream()
			.map(entry -> "line " + entry.getKey() + ": " + entry.getValue() + " × " + skus.get(entry.getKey()))
			.collect(Collectors.joining(", "));
		orders.record(order.id(), TimelineType.ALLOCATION, actor,
				(reshipmentId == null ? "Backordered" : "Reshipment: not reshipped") + ", no location has the stock: "
						+ what);
	}

	/** Releases the fulfillment order's reservations and takes its quantities off the lines' allocation. */
	private void undoAllocation(FulfillmentOrder fo, String actor, String description) {
		for (FulfillmentOrderLine line : sortedForStock(fo)) {
			inventory.release(fo.locationId(), line.sku(), line.quantity());
		}
		if (fo.reshipment()) {
			// its units never counted as allocated on the order lines
			return;
		}
		for (FulfillmentOrderLine line : fo.lines()) {
			orders.changeQuantities(fo.orderId(), line.lineNumber(), QuantityChange.allocated(-line.quantity()), actor,
					"Released " + line.quantity() + " × " + line.sku() + ": " + description);
		}
	}

	/** A plain forward step: no stock, no quantities, one timeline entry (which needs the order's row). */
	private boolean advance(UUID id, FulfillmentOrderStatus target, String actor, String what) {
		FulfillmentOrder fo = lockWithOrder(id);
		if (!mustMove(fo, target)) {
			return false;
		}
		repository.updateStatus(id, target, null, now());
		orders.record(fo.orderId(), TimelineType.FULFILLMENT, actor == null ? fo.locationId() : actor,
				"Fulfillment order " + fo.number() + " " + what + " (was " + fo.status() + ")");
		events.moved(fo, target, null);
		return true;
	}

	/**
	 * @return true when {@code target} is ahead, false when the fulfillment order is already there
	 * @throws FulfillmentOrderStateException when it is closed or already past {@code target}
	 */
	private static boolean mustMove(FulfillmentOrder fo, FulfillmentOrderStatus target) {
		if (fo.status().closed() || fo.status().step() > target.step()) {
			throw new FulfillmentOrderStateException(fo, "become " + target);
		}
		return fo.status() != target;
	}

	/** Locks the order's row and reads the order. @throws UnknownOrderException when there is none */
	Order lockOrder(UUID orderId) {
		if (!orders.lock(orderId)) {
			throw new UnknownOrderException(orderId);
		}
		return orders.require(orderId);
	}

	FulfillmentOrder lockFulfillmentOrder(UUID id) {
		return repository.find(id, true).orElseThrow(() -> new FulfillmentOrderNotFoundException(id));
	}

	/** Locks the order, then the fulfillment order: the lock order of every allocation change. */
	private FulfillmentOrder lockWithOrder(UUID id) {
		FulfillmentOrder unlocked = repository.find(id, false)
			.orElseThrow(() -> new FulfillmentOrderNotFoundException(id));
		orders.lock(unlocked.orderId());
		return lockFulfillmentOrder(id);
	}

	private static List<FulfillmentOrderLine> sortedForStock(FulfillmentOrder fo) {
		return fo.lines().stream().sorted(STOCK_ORDER).toList();
	}

	static Destination destination(Order order, GeoPoint shipTo) {
		return new Destination(order.shippingAddress() == null ? null : order.shippingAddress().country(), shipTo);
	}

	static String describe(List<FulfillmentOrderLine> lines) {
		return lines.stream()
			.map(line -> "line " + line.lineNumber() + ": " + line.quantity() + " × " + line.sku())
			.collect(Collectors.joining(", "));
	}

	private static String tracking(String carrier, String trackingNumber) {
		if (carrier == null && trackingNumber == null) {
			return "";
		}
		return " (" + Objects.requireNonNullElse(carrier, "carrier unknown") + ", tracking "
				+ Objects.requireNonNullElse(trackingNumber, "unknown") + ")";
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

}
