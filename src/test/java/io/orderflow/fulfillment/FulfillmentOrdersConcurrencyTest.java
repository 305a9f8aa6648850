package io.orderflow.fulfillment;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderflow.inventory.StockLevel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders racing for the same stock, each allocation on its own thread and connection, the way several
 * nodes would run them. The database alone decides who gets the last unit.
 */
abstract class FulfillmentOrdersConcurrencyTest extends FulfillmentTestSupport {

	static final int ORDERS = 20;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void twentyOrdersRacingForTenUnitsGetExactlyTenAndTheRestIsBackordered() throws Exception {
		// Given 10 units at one location and 20 orders of 1 unit each
		String sku = newSku();
		String location = newLocation(1, 10, sku);
		List<UUID> orderIds = submitOrders(sku, 1);

		// When all 20 are allocated at once
		List<AllocationResult> results = race(orderIds);

		// Then exactly 10 get a unit, the other 10 are backordered, and the stock is reserved exactly once
		assertThat(results.stream().filter(AllocationResult::fullyAllocated)).hasSize(10)
			.allSatisfy(result -> assertThat(result.fulfillmentOrderIds()).hasSize(1));
		assertThat(results.stream().filter(result -> !result.fullyAllocated())).hasSize(10)
			.allSatisfy(result -> {
				assertThat(result.fulfillmentOrderIds()).isEmpty();
				assertThat(result.backorderedByLineNumber()).containsExactly(Map.entry(1, 1));
			});
		assertThat(allocatedUnits(orderIds)).isEqualTo(10);
		assertThat(stock(location, sku)).isEqualTo(new StockLevel(location, sku, 10, 10));
	}

	@Test
	void twentyOrdersOfTwoRacingForTenUnitsAtTwoLocationsGetExactlyTen() throws Exception {
		// Given 6 units at one location, 4 at another, and 20 orders of 2 units each
		String sku = newSku();
		String first = newLocation(1, 6, sku);
		String second = newLocation(2, 4, sku);
		List<UUID> orderIds = submitOrders(sku, 2);

		// When all 20 are allocated at once
		List<AllocationResult> results = race(orderIds);

		// Then all 10 units are allocated, none twice, and every order has the rest backordered
		assertThat(allocatedUnits(orderIds)).isEqualTo(10);
		assertThat(stock(first, sku)).isEqualTo(new StockLevel(first, sku, 6, 6));
		assertThat(stock(second, sku)).isEqualTo(new StockLevel(second, sku, 4, 4));
		for (int i = 0; i < ORDERS; i++) {
			int allocated = quantities(orderIds.get(i), 1).allocated();
			assertThat(allocated + results.get(i).backorderedUnits()).as("order %s", i).isEqualTo(2);
		}
		assertThat(results.stream().mapToInt(AllocationResult::backorderedUnits).sum()).isEqualTo(30);
	}

	@Test
	void allocationWhosePlannedStockIsTakenMeanwhileIsPlannedAgainWithFreshStock() throws Exception {
		// Given the better location's last unit is being reserved by another transaction, not yet committed
		String sku = newSku();
		String better = newLocation(1, 1, sku);
		String other = newLocation(2, 1, sku);
		UUID orderId = submitOrders(sku, 1).get(0);
		CountDownLatch reserved = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> competitor = threads.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
				assertThat(inventory.reserve(better, sku, 1)).isTrue();
				reserved.countDown();
				await(commit);
			}));
			assertThat(reserved.await(30, SECONDS)).isTrue();

			// When the order is allocated meanwhile (it still sees the unit there), and the competitor commits
			Future<AllocationResult> allocation = threads.submit(() -> fulfillment.allocate(orderId, "test"));
			Thread.sleep(500);
			commit.countDown();
			competitor.get(60, SECONDS);
			AllocationResult result = allocation.get(60, SECONDS);

			// Then the order ships from the other location, and nothing is reserved twice
			assertThat(result.fullyAllocated()).isTrue();
			assertThat(fulfillment.find(result.fulfillmentOrderIds().get(0)).locationId()).isEqualTo(other);
			assertThat(stock(better, sku)).isEqualTo(new StockLevel(better, sku, 1, 1));
			assertThat(stock(other, sku)).isEqualTo(new StockLevel(other, sku, 1, 1));
		}
		finally {
			commit.countDown();
			threads.shutdownNow();
			// the competitor's reservation belongs to no fulfillment order
			if (stock(better, sku).reserved() == 1) {
				inventory.release(better, sku, 1);
			}
		}
	}

	private List<UUID> submitOrders(String sku, int quantity) {
		List<UUID> orderIds = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			orderIds.add(submit(sku, quantity));
		}
		return orderIds;
	}

	/** Allocates every order on its own thread, all released at the same moment. */
	private List<AllocationResult> race(List<UUID> orderIds) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(orderIds.size());
		CountDownLatch ready = new CountDownLatch(orderIds.size());
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<AllocationResult>> futures = new ArrayList<>();
			for (UUID orderId : orderIds) {
				futures.add(threads.submit(() -> {
					ready.countDown();
					await(start);
					return fulfillment.allocate(orderId, "race");
				}));
			}
			assertThat(ready.await(30, SECONDS)).isTrue();
			start.countDown();
			List<AllocationResult> results = new ArrayList<>();
			for (Future<AllocationResult> future : futures) {
				results.add(future.get(120, SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private int allocatedUnits(List<UUID> orderIds) {
		return orderIds.stream().mapToInt(id -> quantities(id, 1).allocated()).sum();
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(60, SECONDS)) {
				throw new IllegalStateException("Timed out waiting for the other thread");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
