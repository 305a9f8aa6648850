package io.orderflow.inventory;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reservations and allocation against a real database (H2 and PostgreSQL, see the subclasses). Every
 * test releases what it reserved: the database is shared with the fulfillment tests, which check that
 * stock reserved equals what fulfillment orders hold.
 */
abstract class InventoryAllocationTest {

	@Autowired
	Inventory inventory;

	@Autowired
	InventoryRepository repository;

	@Autowired
	CatalogRepository catalog;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void reservationsAreRefusedBeyondWhatIsAvailable() {
		String sku = newSku();
		String location = newLocation(1, 3, sku);

		assertThat(inventory.reserve(location, sku, 2)).isTrue();
		assertThat(inventory.reserve(location, sku, 2)).isFalse();
		assertThat(inventory.reserve(location, sku, 1)).isTrue();
		assertThat(stock(location, sku)).isEqualTo(new StockLevel(location, sku, 3, 3));
		assertThatThrownBy(() -> inventory.release(location, sku, 4)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> inventory.consume(location, sku, 4)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> inventory.reserve(location, sku, 0)).isInstanceOf(IllegalArgumentException.class);

		inventory.consume(location, sku, 1);
		inventory.release(location, sku, 2);

		assertThat(stock(location, sku)).isEqualTo(new StockLevel(location, sku, 2, 0));
	}

	@Test
	void allocationReservesItsPlanAndSkipsExcludedAndInactiveLocations() {
		String sku = newSku();
		String excluded = newLocation(1, 10, sku);
		String inactive = newLocation(1, 10, sku);
		inventory.saveLocation(new Location(inactive, "closed", LocationType.STORE, 1, "DE", null, null, false));
		String chosen = newLocation(5, 2, sku);

		RoutingPlan plan = inventory.allocate(List.of(new LineQuantity(1, sku, 3)), Destination.country("DE"),
				Set.of(excluded));

		assertThat(plan.shipments()).containsExactly(new PlannedShipment(chosen, List.of(new LineQuantity(1, sku, 2))));
		assertThat(plan.backordered()).containsExactly(Map.entry(1, 1));
		assertThat(stock(chosen, sku).reserved()).isEqualTo(2);
		assertThat(stock(excluded, sku).reserved()).isZero();
		// nothing is left at the chosen location, and the inactive one is never a candidate
		assertThat(inventory.candidates(List.of(sku))).extracting(c -> c.location().id()).containsExactly(excluded);
		inventory.release(chosen, sku, 2);
	}

	@Test
	void lockingAttemptPlansAndReservesOnLockedStock() {
		// Given an allocation that goes straight to its last, locking attempt
		Inventory locking = withMaxAttempts(1);
		String a = newSku();
		String b = newSku();
		String first = newLocation(1, 5, a);
		String second = newLocation(2, 5, b);

		RoutingPlan plan = new TransactionTemplate(transactionManager).execute(tx -> locking
			.allocate(List.of(new LineQuantity(1, a, 2), new LineQuantity(2, b, 1)), Destination.unknown(), Set.of()));

		assertThat(plan.shipments()).containsExactly(new PlannedShipment(first, List.of(new LineQuantity(1, a, 2))),
				new PlannedShipment(second, List.of(new LineQuantity(2, b, 1))));
		assertThat(stock(first, a).reserved()).isEqualTo(2);
		assertThat(stock(second, b).reserved()).isEqualTo(1);
		inventory.release(first, a, 2);
		inventory.release(second, b, 1);
	}

	@Test
	void racersOnLockedStockNeverReserveTheSameUnitTwice() throws Exception {
		Inventory locking = withMaxAttempts(1);
		String sku = newSku();
		String first = newLocation(1, 6, sku);
		String second = newLocation(2, 4, sku);

		List<RoutingPlan> plans = race(20, () -> new TransactionTemplate(transactionManager)
			.execute(tx -> locking.allocate(List.of(new LineQuantity(1, sku, 1)), Destination.unknown(), Set.of())));

		assertThat(plans.stream().mapToInt(RoutingPlan::allocatedUnits).sum()).isEqualTo(10);
		assertThat(plans.stream().filter(plan -> !plan.fullyCovered())).hasSize(10);
		assertThat(stock(first, sku)).isEqualTo(new StockLevel(first, sku, 6, 6));
		assertThat(stock(second, sku)).isEqualTo(new StockLevel(second, sku, 4, 4));
		inventory.release(first, sku, 6);
		inventory.release(second, sku, 4);
	}

	@Test
	void racersWithOneOptimisticAttemptThenTheLockingOneGetExactlyTheStock() throws Exception {
		Inventory twoAttempts = withMaxAttempts(2);
		String sku = newSku();
		String location = newLocation(1, 10, sku);

		List<RoutingPlan> plans = race(20, () -> new TransactionTemplate(transactionManager)
			.execute(tx -> twoAttempts.allocate(List.of(new LineQuantity(1, sku, 1)), Destination.unknown(), Set.of())));

		assertThat(plans.stream().mapToInt(RoutingPlan::allocatedUnits).sum()).isEqualTo(10);
		assertThat(stock(location, sku)).isEqualTo(new StockLevel(location, sku, 10, 10));
		inventory.release(location, sku, 10);
	}

	private Inventory withMaxAttempts(int maxAttempts) {
		return new Inventory(repository, catalog, clock,
				new AllocationProperties(maxAttempts, Routing.DEFAULT_EXACT_SEARCH_MAX_LOCATIONS), transactionManager);
	}

	private static <T> List<T> race(int racers, java.util.concurrent.Callable<T> work) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(racers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < racers; i++) {
				futures.add(threads.submit(() -> {
					start.await(60, SECONDS);
					return work.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(120, SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private String newSku() {
		String sku = "IT-" + UUID.randomUUID().toString().substring(0, 13);
		inventory.saveProduct(new Product(sku, "Inventory test product " + sku, true));
		return sku;
	}

	private String newLocation(int priority, int onHand, String... skus) {
		String id = "IT-L-" + UUID.randomUUID().toString().substring(0, 13);
		inventory.saveLocation(new Location(id, "Test location " + id, LocationType.WAREHOUSE, priority, "DE", null,
				null, true));
		for (String sku : skus) {
			inventory.setOnHand(id, sku, onHand);
		}
		return id;
	}

	private StockLevel stock(String location, String sku) {
		return inventory.stock(sku).stream().filter(level -> level.locationId().equals(location)).findFirst().orElseThrow();
	}

}
