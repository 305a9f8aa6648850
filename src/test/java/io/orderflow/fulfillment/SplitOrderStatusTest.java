package io.orderflow.fulfillment;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderflow.order.OrderStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order split across two locations, one fulfillment order canceled and the other shipped, in either order and at
 * the same time on two threads (two nodes): the order's status always ends where its quantities say, SHIPPED and then
 * DELIVERED, never stuck on ALLOCATED or PARTIALLY_SHIPPED because one transaction derived it from what it read before
 * the other committed. And an order whose line was canceled in part while it was in Capture counts only what is left.
 */
abstract class SplitOrderStatusTest extends FulfillmentTestSupport {

	@Autowired
	OrderProgress progress;

	@Autowired
	LocationEvents locationEvents;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void cancelingTheRestThenShippingTheOtherFulfillmentOrderEndsShippedThenDelivered() {
		// Given an order of 2 × A and 1 × B, allocated to two locations
		Split split = split();
		assertThat(status(split)).isEqualTo(OrderStatus.ALLOCATED);

		// When B is canceled, then A ships
		cancelB(split);
		assertThat(status(split)).isEqualTo(OrderStatus.ALLOCATED);
		ship(split.a());

		// Then the order has shipped; and once A is delivered, it is delivered
		assertThat(status(split)).isEqualTo(OrderStatus.SHIPPED);
		deliver(split.a());
		assertThat(status(split)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void shippingOneFulfillmentOrderThenCancelingTheOtherEndsShippedThenDelivered() {
		// Given an order split across two locations
		Split split = split();

		// When A ships, then B is canceled
		ship(split.a());
		assertThat(status(split)).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
		cancelB(split);

		// Then the order has shipped, and is delivered once A is
		assertThat(status(split)).isEqualTo(OrderStatus.SHIPPED);
		deliver(split.a());
		assertThat(status(split)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void aStatusRefreshRacingACancellationThatHasNotCommittedYetEndsShipped() throws Exception {
		// Given an order split across two locations whose A has shipped
		Split split = split();
		ship(split.a());
		CountDownLatch canceled = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			// When B is canceled in a transaction that has not committed yet (it holds the order's row) ...
			Future<?> cancellation = threads.submit(() -> new TransactionTemplate(transactionManager)
				.executeWithoutResult(tx -> {
					unitCancellations.cancelUnits(split.orderId(), Map.of(2, 1), "customer asked", "test");
					progress.refresh(split.orderId(), "test");
					canceled.countDown();
					pause(1000);
				}));
			assertThat(canceled.await(30, SECONDS)).isTrue();
			// ... while the shipment's own status refresh runs on another node (Task_NotifyShipment)
			Future<OrderStatus> refresh = threads.submit(() -> progress.refresh(split.orderId(), "system:delivery"));
			cancellation.get(60, SECONDS);
			refresh.get(60, SECONDS);
		}
		finally {
			threads.shutdownNow();
		}

		// Then the later refresh read what the cancellation committed: the order has shipped
		assertThat(status(split)).isEqualTo(OrderStatus.SHIPPED);
		deliver(split.a());
		assertThat(status(split)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void cancelingOneFulfillmentOrderWhileTheOtherShipsAtTheSameMomentEndsShipped() throws Exception {
		// Given five orders, each split across two locations
		List<Split> splits = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			splits.add(split());
		}
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (Split split : splits) {
				// When B is canceled on one thread and A ships on another, released together
				CyclicBarrier start = new CyclicBarrier(2);
				Future<?> cancellation = threads.submit(() -> {
					start.await(30, SECONDS);
					return new TransactionTemplate(transactionManager).execute(tx -> {
						unitCancellations.cancelUnits(split.orderId(), Map.of(2, 1), "customer asked", "test");
						return progress.refresh(split.orderId(), "test");
					});
				});
				Future<?> shipment = threads.submit(() -> {
					start.await(30, SECONDS);
					ship(split.a());
					return progress.refresh(split.orderId(), "system:delivery");
				});
				cancellation.get(60, SECONDS);
				shipment.get(60, SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		// Then every order has shipped, and is delivered once its parcel is
		for (Split split : splits) {
			assertThat(status(split)).as(split.toString()).isEqualTo(OrderStatus.SHIPPED);
			deliver(split.a());
			assertThat(status(split)).as(split.toString()).isEqualTo(OrderStatus.DELIVERED);
		}
	}

	@Test
	void aLineCanceledInPartDuringCaptureLeavesTheOrderInCaptureAndThenAllocatedInFull() {
		// Given an order of 3 × A still in Capture (RECEIVED), 1 of them canceled
		String a = newSku();
		newLocation(1, 10, a);
		UUID orderId = submit(a, 3);
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			unitCancellations.cancelUnits(orderId, Map.of(1, 1), "customer asked", "test");
			progress.refresh(orderId, "test");
		});

		// Then it is still RECEIVED, not BACKORDERED for the units nothing was allocated to yet
		assertThat(order(orderId).status()).isEqualTo(OrderStatus.RECEIVED);
		assertThat(progress.refresh(orderId, "test")).isEqualTo(OrderStatus.RECEIVED);

		// When it is approved and what is left is allocated
		orders.changeStatus(orderId, OrderStatus.APPROVED, "test", "approved for the test");
		fulfillment.allocate(orderId, "test");

		// Then it is ALLOCATED (2 of 2), SHIPPED once its fulfillment order ships, DELIVERED once it arrives
		assertThat(progress.refresh(orderId, "test")).isEqualTo(OrderStatus.ALLOCATED);
		UUID fo = fulfillment.ofOrder(orderId).get(0).id();
		fulfillment.release(fo);
		ship(fo);
		assertThat(order(orderId).status()).isEqualTo(OrderStatus.SHIPPED);
		deliver(fo);
		assertThat(order(orderId).status()).isEqualTo(OrderStatus.DELIVERED);
	}

	/** An approved order of 2 × A and 1 × B allocated to two locations: A's fulfillment order and B's. */
	private Split split() {
		String a = newSku();
		String b = newSku();
		newLocation(1, 10, a);
		newLocation(2, 10, b);
		UUID orderId = submit(a, 2, b, 1);
		orders.changeStatus(orderId, OrderStatus.APPROVED, "test", "approved for the test");
		fulfillment.allocate(orderId, "test");
		progress.refresh(orderId, "test");
		List<FulfillmentOrder> fos = fulfillment.ofOrder(orderId);
		assertThat(fos).hasSize(2);
		fos.forEach(fo -> fulfillment.release(fo.id()));
		return new Split(orderId, fos.get(0).id(), fos.get(1).id());
	}

	private void cancelB(Split split) {
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			unitCancellations.cancelUnits(split.orderId(), Map.of(2, 1), "customer asked", "test");
			progress.refresh(split.orderId(), "test");
		});
	}

	/** The location reports it shipped, as over the REST API. */
	private void ship(UUID fulfillmentOrderId) {
		locationEvents.receive(fulfillmentOrderId,
				new LocationEventRequest("shipped-" + fulfillmentOrderId, "SHIPPED", null, null, null, null, null));
	}

	/** The carrier delivered it, as Task_CompleteDelivery records it. */
	private void deliver(UUID fulfillmentOrderId) {
		fulfillment.markDelivered(fulfillmentOrderId);
		progress.refresh(fulfillment.find(fulfillmentOrderId).orderId(), "system:delivery");
	}

	private OrderStatus status(Split split) {
		return order(split.orderId()).status();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	record Split(UUID orderId, UUID a, UUID b) {
	}

}
