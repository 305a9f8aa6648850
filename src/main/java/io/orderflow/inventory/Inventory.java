package io.orderflow.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory module's public service: the catalog of SKUs, the locations and their stock, and the
 * reservations that allocation makes. Every reservation is a conditional update in the database,
 * never an in-memory count, so that any number of nodes can allocate against one database.
 */
@Service
public class Inventory {

	private static final Logger log = LoggerFactory.getLogger(Inventory.class);

	private static final Comparator<StockKey> STOCK_ORDER = Comparator.comparing(StockKey::locationId)
		.thenComparing(StockKey::sku);

	private final InventoryRepository repository;

	private final CatalogRepository catalog;

	private final Clock clock;

	private final AllocationProperties properties;

	private final Routing routing;

	private final TransactionTemplate savepoint;

	Inventory(InventoryRepository repository, CatalogRepository catalog, Clock clock, AllocationProperties properties,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.catalog = catalog;
		this.clock = clock;
		this.properties = properties;
		this.routing = new Routing(properties.exactSearchMaxLocations());
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Whether each of {@code skus} that the catalog knows may be sold (is active); a SKU the catalog does
	 * not know is absent.
	 */
	@Transactional(readOnly = true)
	public Map<String, Boolean> sellable(Collection<String> skus) {
		return skus.isEmpty() ? Map.of() : catalog.activeBySku(skus);
	}

	/**
	 * Where returned units of an order go: {@code shippedFrom} when it is active and accepts returns, else the
	 * preferred (lowest priority number) active location that accepts returns, in {@code country} if one
	 * there does; null when no location accepts returns.
	 */
	@Transactional(readOnly = true)
	public String returnLocation(String shippedFrom, String country) {
		List<Location> locations = catalog.locations();
		return locations.stream()
			.filter(l -> l.id().equals(shippedFrom) && l.active() && l.acceptsReturns())
			.findFirst()
			.or(() -> locations.stream()
				.filter(l -> l.active() && l.acceptsReturns())
				.min(Comparator.comparing((Location l) -> !java.util.Objects.equals(l.country(), country))
					.thenComparing(Location::priority)
					.thenComparing(Location::id)))
			.map(Location::id)
			.orElse(null);
	}

	/** The catalog's product with that SKU, if the catalog has it. */
	@Transactional(readOnly = true)
	public Optional<Product> product(String sku) {
		return catalog.product(sku);
	}

	/** Creates or updates one product (the demo's and the tests' catalog; over REST: {@link Catalog}). */
	@Transactional
	public void saveProduct(Product product) {
		catalog.upsert(List.of(product), OffsetDateTime.now(clock));
	}

	/** Creates or updates one location. */
	@Transactional
	public void saveLocation(Location location) {
		catalog.saveLocation(location);
	}

	/**
	 * Sets the physical stock of a SKU at a location, as a stock count reports it. The database
	 * refuses a count below what is reserved there.
	 */
	@Transactional
	public void setOnHand(String locationId, String sku, int onHand) {
		repository.setOnHand(locationId, sku, onHand, OffsetDateTime.now(clock));
	}

	@Transactional(readOnly = true)
	public List<StockLevel> stock(String sku) {
		return repository.stock(sku);
	}

	@Transactional(readOnly = true)
	public boolean catalogEmpty() {
		return catalog.countProducts(null) == 0;
	}

	/** The active locations that have any of {@code skus} available, with what is available there. */
	@Transactional(readOnly = true)
	public List<StockCandidate> candidates(Collection<String> skus) {
		return skus.isEmpty() ? List.of() : candidates(skus, Set.of(), false);
	}

	/**
	 * Plans where {@code demand} ships from ({@link Routing}) and reserves the stock for it, atomically:
	 * the plan comes back fully reserved, or nothing is reserved. When another order takes the stock between
	 * planning and reserving, this attempt's reservations are rolled back to a savepoint and the plan is
	 * made again with fresh stock, up to {@code orderflow.fulfillment.allocation.max-attempts} times. The
	 * last attempt locks the candidate stock rows before planning, so it always succeeds. Whatever no
	 * location has comes back as backordered. Joins the caller's transaction; the reservations commit
	 * or roll back with it.
	 * @param demand what to place, per order line
	 * @param destination where the order goes, for the tie-breakers
	 * @param excludedLocations locations not to ship from (e.g. those that rejected the lines)
	 */
	@Transactional
	public RoutingPlan allocate(List<LineQuantity> demand, Destination destination, Set<String> excludedLocations) {
		List<LineQuantity> wanted = demand.stream().filter(line -> line.quantity() > 0).toList();
		if (wanted.isEmpty()) {
			return new RoutingPlan(List.of(), Map.of());
		}
		Set<String> skus = wanted.stream().map(LineQuantity::sku).collect(Collectors.toCollection(TreeSet::new));
		for (int attempt = 1;; attempt++) {
			boolean lastAttempt = attempt >= properties.maxAttempts();
			try {
				return savepoint.execute(tx -> {
					RoutingPlan plan = routing.plan(wanted, candidates(skus, excludedLocations, lastAttempt),
							destination);
					reserveAll(plan);
					return plan;
				});
			}
			catch (StockTakenException taken) {
				if (lastAttempt) {
					throw new IllegalStateException("Stock changed although its rows were locked", taken);
				}
				log.debug("Allocation attempt {} lost a race ({}); planning again with fresh stock", attempt,
						taken.getMessage());
			}
		}
	}

	/**
	 * Reserves {@code quantity} of a SKU at a location if that much is available.
	 * @return false, changing nothing, when less is available
	 */
	@Transactional
	public boolean reserve(String locationId, String sku, int quantity) {
		requirePositive(quantity);
		return repository.reserve(locationId, sku, quantity, OffsetDateTime.now(clock)) == 1;
	}

	/** Returned units that can be sold again go back into stock at the location that received them. */
	@Transactional
	public void restock(String locationId, String sku, int quantity) {
		requirePositive(quantity);
		repository.restock(locationId, sku, quantity, OffsetDateTime.now(clock));
		log.info("Restocked {} × {} at {}", quantity, sku, locationId);
	}

	/** Gives reserved stock back (an allocation undone). Refuses to release more than is reserved. */
	@Transactional
	public void release(String locationId, String sku, int quantity) {
		requirePositive(quantity);
		if (repository.release(locationId, sku, quantity, OffsetDateTime.now(clock)) != 1) {
			throw new IllegalStateException(
					"Cannot release " + quantity + " × " + sku + " at " + locationId + ": not that much reserved");
		}
	}

	/** Reserved stock has shipped: on hand and reserved both go down by {@code quantity}. */
	@Transactional
	public void consume(String locationId, String sku, int quantity) {
		requirePositive(quantity);
		if (repository.consume(locationId, sku, quantity, OffsetDateTime.now(clock)) != 1) {
			throw new IllegalStateException(
					"Cannot consume " + quantity + " × " + sku + " at " + locationId + ": not that much reserved");
		}
	}

	private List<StockCandidate> candidates(Collection<String> skus, Set<String> excluded, boolean lock) {
		List<StockLevel> stock = repository.stockOf(skus, lock);
		Map<String, Location> locations = catalog
			.locations(stock.stream().map(StockLevel::locationId).collect(Collectors.toCollection(TreeSet::new)))
			.stream()
			.collect(Collectors.toMap(Location::id, Function.identity()));
		Map<String, Map<String, Integer>> available = new TreeMap<>();
		for (StockLevel level : stock) {
			Location location = locations.get(level.locationId());
			if (location != null && location.allocatable() && !excluded.contains(location.id()) && level.available() > 0) {
				available.computeIfAbsent(location.id(), id -> new TreeMap<>()).put(level.sku(), level.available());
			}
		}
		return available.entrySet()
			.stream()
			.map(entry -> new StockCandidate(locations.get(entry.getKey()), entry.getValue()))
			.toList();
	}

	/** Reserves every piece of the plan, in location and SKU order; throws when one is no longer there. */
	private void reserveAll(RoutingPlan plan) {
		Map<StockKey, Integer> pieces = new TreeMap<>(STOCK_ORDER);
		for (PlannedShipment shipment : plan.shipments()) {
			for (LineQuantity line : shipment.lines()) {
				pieces.merge(new StockKey(shipment.locationId(), line.sku()), line.quantity(), Integer::sum);
			}
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		pieces.forEach((key, quantity) -> {
			int reserved;
			try {
				reserved = repository.reserve(key.locationId(), key.sku(), quantity, now);
			}
			catch (DataIntegrityViolationException checkRefused) {
				// the stock_reserved_ck check: the database's own last word on the last unit
				throw new StockTakenException(key.locationId(), key.sku(), quantity);
			}
			if (reserved != 1) {
				throw new StockTakenException(key.locationId(), key.sku(), quantity);
			}
		});
	}

	private static void requirePositive(int quantity) {
		if (quantity <= 0) {
			throw new IllegalArgumentException("Quantity must be positive: " + quantity);
		}
	}

	private record StockKey(String locationId, String sku) {
	}

}
