package io.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.inventory.Location;
import io.orderflow.inventory.LocationType;
import io.orderflow.inventory.StockLevel;
import io.orderflow.order.LineStatus;
import io.orderflow.order.Order;
import io.orderflow.order.Quantities;
import io.orderflow.order.UnknownOrderException;
import org.junit.jupiter.api.Test;

/**
 * Allocation and fulfillment orders against a real database: the same tests run on H2 and on
 * PostgreSQL (see the subclasses). After each test, stock reserved equals what open fulfillment orders
 * hold and every line's quantities add up.
 */
abstract class FulfillmentOrdersTest extends FulfillmentTestSupport {

	@Test
	void orderThatOneLocationCanShipGetsOneFulfillmentOrderThere() {
		// Given a location holding both SKUs of an order of 2 × A and 1 × B
		String a = newSku();
		String b = newSku();
		String location = newLocation(1, 10, a, b);
		UUID orderId = submit(a, 2, b, 1);

		// When it is allocated
		AllocationResult result = fulfillment.allocate(orderId, "test");

		// Then one fulfillment order ships everything from there, its stock reserved
		assertThat(result.fulfillmentOrderIds()).hasSize(1);
		assertThat(result.fullyAllocated()).isTrue();
		FulfillmentOrder fo = fulfillment.find(result.fulfillmentOrderIds().get(0));
		Order order = order(orderId);
		assertThat(fo.number()).isEqualTo(order.orderNumber() + "-F1");
		assertThat(fo.orderId()).isEqualTo(orderId);
		assertThat(fo.locationId()).isEqualTo(location);
		assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.CREATED);
		assertThat(fo.lines()).containsExactly(new FulfillmentOrderLine(1, a, 2), new FulfillmentOrderLine(2, b, 1));
		assertThat(fo.carrier()).isNull();
		assertThat(fo.createdAt()).isNotNull();
		assertThat(quantities(orderId, 1)).isEqualTo(new Quantities(2, 0, 2, 0, 0, 0, 0));
		assertThat(quantities(orderId, 2)).isEqualTo(new Quantities(1, 0, 1, 0, 0, 0, 0));
		assertThat(order.lines()).extracting(line -> line.status()).containsOnly(LineStatus.ALLOCATED);
		assertThat(stock(location, a)).isEqualTo(new StockLevel(location, a, 10, 2));
		assertThat(stock(location, b)).isEqualTo(new StockLevel(location, b, 10, 1));
		assertThat(fulfillment.unallocated(orderId)).isEmpty();
		assertThat(fulfillment.ofOrder(orderId)).containsExactly(fo);
		assertThat(timeline(orderId)).anyMatch(entry -> entry.startsWith("ALLOCATION Fulfillment order "
				+ fo.number() + " created at " + location));
	}

	@Test
	void orderIsSplitAcrossTwoLocationsWhenNoSingleOneHasEverything() {
		String a = newSku();
		String b = newSku();
		String onlyA = newLocation(1, 10, a);
		String onlyB = newLocation(2, 10, b);
		UUID orderId = submit(a, 2, b, 1);

		AllocationResult result = fulfillment.allocate(orderId, "test");

		String number = order(orderId).orderNumber();
		assertThat(result.fulfillmentOrderIds()).hasSize(2);
		assertThat(fulfillment.ofOrder(orderId)).extracting(FulfillmentOrder::number, FulfillmentOrder::locationId,
				FulfillmentOrder::lines)
			.containsExactly(tuple(number + "-F1", onlyA, List.of(new FulfillmentOrderLine(1, a, 2))),
					tuple(number + "-F2", onlyB, List.of(new FulfillmentOrderLine(2, b, 1))));
		assertThat(stock(onlyA, a).reserved()).isEqualTo(2);
		assertThat(stock(onlyB, b).reserved()).isEqualTo(1);
	}

	@Test
	void oneLocationWithEverythingIsPreferredOverTwoBetterOnes() {
		String a = newSku();
		String b = newSku();
		newLocation(1, 10, a);
		newLocation(1, 10, b);
		String both = newLocation(7, 5, a, b);
		UUID orderId = submit(a, 2, b, 1);

		fulfillment.allocate(orderId, "test");

		assertThat(fulfillment.ofOrder(orderId)).extracting(FulfillmentOrder::locationId).containsExactly(both);
	}

	@Test
	void allocatingAgainAllocatesNothingMore() {
		String a = newSku();
		newLocation(1, 10, a);
		UUID orderId = submit(a, 2);
		fulfillment.allocate(orderId, "test");
		long timelineEntries = timeline(orderId).size();

		AllocationResult again = fulfillment.allocate(orderId, "test");

		assertThat(again.fulfillmentOrderIds()).isEmpty();
		assertThat(again.fullyAllocated()).isTrue();
		assertThat(fulfillment.ofOrder(orderId)).hasSize(1);
		assertThat(quantities(orderId, 1).allocated()).isEqualTo(2);
		assertThat(timeline(orderId)).hasSize((int) timelineEntries);
	}

	@Test
	void backorderedLineIsAllocatedOnceStockArrives() {
		// Given B is out of stock
		String a = newSku();
		String b = newSku();
		String location = newLocation(1, 10, a);
		UUID orderId = submit(a, 2, b, 1);

		// When the order is allocated, A ships and B is backordered
		AllocationResult first = fulfillment.allocate(orderId, "test");
		assertThat(first.fulfillmentOrderIds()).hasSize(1);
		assertThat(first.backorderedByLineNumber()).containsExactly(Map.entry(2, 1));
		assertThat(first.fullyAllocated()).isFalse();
		assertThat(fulfillment.unallocated(orderId)).containsExactly(Map.entry(2, 1));
		assertThat(line(orderId, 2).status()).isEqualTo(LineStatus.ORDERED);
		assertThat(timeline(orderId)).anyMatch(entry -> entry.startsWith("ALLOCATION Backordered")
				&& entry.contains("line 2: 1 × " + b));

		// And when stock of B arrives and the order is allocated again
		inventory.setOnHand(location, b, 3);
		AllocationResult second = fulfillment.allocate(orderId, "test");

		// Then only B is allocated, in a second fulfillment order
		assertThat(second.fulfillmentOrderIds()).hasSize(1);
		assertThat(second.fullyAllocated()).isTrue();
		FulfillmentOrder f2 = fulfillment.find(second.fulfillmentOrderIds().get(0));
		assertThat(f2.number()).endsWith("-F2");
		assertThat(f2.lines()).containsExactly(new FulfillmentOrderLine(2, b, 1));
		assertThat(fulfillment.unallocated(orderId)).isEmpty();
		assertThat(stock(location, a).reserved()).isEqualTo(2);
		assertThat(stock(location, b).reserved()).isEqualTo(1);
	}

	@Test
	void whatCanShipIsAllocatedAndOnlyTheRestOfTheLineBackordered() {
		String a = newSku();
		String first = newLocation(1, 1, a);
		String second = newLocation(2, 1, a);
		UUID orderId = submit(a, 3);

		AllocationResult result = fulfillment.allocate(orderId, "test");

		assertThat(result.fulfillmentOrderIds()).hasSize(2);
		assertThat(result.backorderedByLineNumber()).containsExactly(Map.entry(1, 1));
		assertThat(quantities(orderId, 1).allocated()).isEqualTo(2);
		assertThat(line(orderId, 1).status()).isEqualTo(LineStatus.PARTIALLY_ALLOCATED);
		assertThat(stock(first, a)).isEqualTo(new StockLevel(first, a, 1, 1));
		assertThat(stock(second, a)).isEqualTo(new StockLevel(second, a, 1, 1));
	}

	@Test
	void inactiveLocationIsNotAllocatedFrom() {
		String a = newSku();
		String closed = newLocation(1, 10, a);
		inventory.saveLocation(new Location(closed, "closed", LocationType.STORE,
				1, "DE", null, null, false));
		UUID orderId = submit(a, 1);

		AllocationResult result = fulfillment.allocate(orderId, "test");

		assertThat(result.fulfillmentOrderIds()).isEmpty();
		assertThat(result.backorderedByLineNumber()).containsExactly(Map.entry(1, 1));
		assertThat(stock(closed, a).reserved()).isZero();
	}

	@Test
	void rejectedFulfillmentOrderIsReroutedToAnotherLocationWithItsReservations() {
		// Given an order allocated to the better of two locations that both have the stock
		String a = newSku();
		String b = newSku();
		String preferred = newLocation(1, 10, a, b);
		String other = newLocation(2, 10, a, b);
		UUID orderId = submit(a, 2, b, 1);
		UUID f1 = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		fulfillment.release(f1);
		assertThat(fulfillment.find(f1).locationId()).isEqualTo(preferred);

		// When that location rejects it
		List<UUID> rerouted = fulfillment.reject(f1, "water damage");

		// Then it is REJECTED, its reservations released, and a new fulfillment order ships from the other location
		FulfillmentOrder rejected = fulfillment.find(f1);
		assertThat(rejected.status()).isEqualTo(FulfillmentOrderStatus.REJECTED);
		assertThat(rejected.statusReason()).isEqualTo("water damage");
		assertThat(rerouted).hasSize(1);
		FulfillmentOrder f2 = fulfillment.find(rerouted.get(0));
		assertThat(f2.locationId()).isEqualTo(other);
		assertThat(f2.status()).isEqualTo(FulfillmentOrderStatus.CREATED);
		assertThat(f2.number()).isEqualTo(order(orderId).orderNumber() + "-F2");
		assertThat(f2.lines()).containsExactly(new FulfillmentOrderLine(1, a, 2), new FulfillmentOrderLine(2, b, 1));
		assertThat(stock(preferred, a).reserved()).isZero();
		assertThat(stock(preferred, b).reserved()).isZero();
		assertThat(stock(other, a).reserved()).isEqualTo(2);
		assertThat(stock(other, b).reserved()).isEqualTo(1);
		assertThat(quantities(orderId, 1).allocated()).isEqualTo(2);
		assertThat(quantities(orderId, 2).allocated()).isEqualTo(1);
		assertThat(timeline(orderId)).anyMatch(entry -> entry.contains("rejected by " + preferred + ": water damage"));
	}

	@Test
	void rejectedLinesNeverGoBackToALocationThatRejectedThem() {
		String a = newSku();
		String first = newLocation(1, 10, a);
		String second = newLocation(2, 10, a);
		String third = newLocation(3, 10, a);
		UUID orderId = submit(a, 1);
		UUID f1 = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);

		UUID f2 = fulfillment.reject(f1, "cannot find it").get(0);
		UUID f3 = fulfillment.reject(f2, "cannot find it either").get(0);

		assertThat(fulfillment.ofOrder(orderId)).extracting(FulfillmentOrder::locationId, FulfillmentOrder::status)
			.containsExactly(tuple(first, FulfillmentOrderStatus.REJECTED),
					tuple(second, FulfillmentOrderStatus.REJECTED),
					tuple(third, FulfillmentOrderStatus.CREATED));
		assertThat(fulfillment.find(f3).locationId()).isEqualTo(third);
	}

	@Test
	void rejectionWithNoOtherLocationLeavesTheLinesUnallocated() {
		String a = newSku();
		String b = newSku();
		String only = newLocation(1, 10, a, b);
		UUID orderId = submit(a, 2, b, 1);
		UUID f1 = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);

		List<UUID> rerouted = fulfillment.reject(f1, "closed for inventory");

		assertThat(rerouted).isEmpty();
		assertThat(fulfillment.find(f1).status()).isEqualTo(FulfillmentOrderStatus.REJECTED);
		assertThat(fulfillment.unallocated(orderId)).containsExactly(Map.entry(1, 2), Map.entry(2, 1));
		assertThat(order(orderId).lines()).extracting(line -> line.status()).containsOnly(LineStatus.ORDERED);
		assertThat(stock(only, a).reserved()).isZero();
		assertThat(stock(only, b).reserved()).isZero();
		assertThat(timeline(orderId)).anyMatch(entry -> entry.startsWith("ALLOCATION Backordered"));
	}

	@Test
	void shippingConsumesTheReservedStockAndCountsTheLinesFulfilled() {
		String a = newSku();
		String b = newSku();
		String location = newLocation(1, 10, a, b);
		UUID orderId = submit(a, 2, b, 1);
		UUID f1 = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		fulfillment.release(f1);

		boolean shipped = fulfillment.markShipped(f1, "DHL", "JD0001");

		assertThat(shipped).isTrue();
		FulfillmentOrder fo = fulfillment.find(f1);
		assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.SHIPPED);
		assertThat(fo.carrier()).isEqualTo("DHL");
		assertThat(fo.trackingNumber()).isEqualTo("JD0001");
		assertThat(fo.shippedAt()).isNotNull();
		assertThat(stock(location, a)).isEqualTo(new StockLevel(location, a, 8, 0));
		assertThat(stock(location, b)).isEqualTo(new StockLevel(location, b, 9, 0));
		assertThat(quantities(orderId, 1)).isEqualTo(new Quantities(2, 0, 2, 2, 0, 0, 0));
		assertThat(quantities(orderId, 2)).isEqualTo(new Quantities(1, 0, 1, 1, 0, 0, 0));
		assertThat(order(orderId).lines()).extracting(line -> line.status()).containsOnly(LineStatus.FULFILLED);
		assertThat(timeline(orderId)).anyMatch(entry -> entry.startsWith("FULFILLMENT Fulfillment order "
				+ fo.number() + " shipped from " + location + " (DHL, tracking JD0001)"));
	}

	@Test
	void duplicateShippedEventChangesNothing() {
		String a = newSku();
		String location = newLocation(1, 10, a);
		UUID orderId = submit(a, 2);
		UUID f1 = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		assertThat(fulfillment.markShipped(f1, "DHL", "JD0001")).isTrue();
		FulfillmentOrder afterFirst = fulfillment.find(f1);
		int timelineEntries = timeline(orderId).size();

		boolean second = fulfillment.markShipped(f1, "UPS", "1Z999");

		assertThat(second).isFalse();
		assertThat(fulfillment.find(f1)).isEqualTo(afterFirst);
		assertThat(stock(location, a)).isEqualTo(new StockLevel(location, a, 8, 0));
		assertThat(quantities(orderId, 1).fulfilled()).isEqualTo(2);
		assertThat(timeline(orderId)).hasSize(timelineEntries);
	}

	@Test
	void fulfillmentOrderWalksEveryStepAndRepeatedEventsAreNoOps() {
		String a = newSku();
		newLocation(1, 10, a);
		UUID orderId = submit(a, 1);
		UUID id = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);

		assertThat(fulfillment.release(id)).isTrue();
		assertThat(fulfillment.release(id)).isFalse();
		assertThat(fulfillment.markPicked(id)).isTrue();
		assertThat(fulfillment.markPicked(id)).isFalse();
		assertThat(fulfillment.markPacked(id)).isTrue();
		assertThat(fulfillment.markPacked(id)).isFalse();
		assertThat(fulfillment.markShipped(id, null, null)).isTrue();
		assertThat(fulfillment.markDelivered(id)).isTrue();
		assertThat(fulfillment.markDelivered(id)).isFalse();

		FulfillmentOrder fo = fulfillment.find(id);
		assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.DELIVERED);
		assertThat(fo.deliveredAt()).isNotNull();
		assertThat(fo.version()).isEqualTo(5);
	}

	@Test
	void locationMayReportShippedWithoutTheStepsBefore() {
		String a = newSku();
		newLocation(1, 10, a);
		UUID orderId = submit(a, 1);
		UUID id = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		fulfillment.release(id);

		assertThat(fulfillment.markShipped(id, "DHL", null)).isTrue();

		assertThat(fulfillment.find(id).status()).isEqualTo(FulfillmentOrderStatus.SHIPPED);
		assertThat(quantities(orderId, 1).fulfilled()).isEqualTo(1);
	}

	@Test
	void trackingCanBeSetOnceOrderflowHasBookedTheCarrier() {
		String a = newSku();
		newLocation(1, 10, a);
		UUID orderId = submit(a, 1);
		UUID id = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		fulfillment.markShipped(id, null, null);

		assertThat(fulfillment.setTracking(id, "UPS", "1Z999AA10123456784")).isTrue();
		assertThat(fulfillment.setTracking(id, "UPS", "1Z999AA10123456784")).isFalse();

		FulfillmentOrder fo = fulfillment.find(id);
		assertThat(fo.carrier()).isEqualTo("UPS");
		assertThat(fo.trackingNumber()).isEqualTo("1Z999AA10123456784");
		// the booking that gave the number is on the timeline (Shipments); setting it is not a second happening
		assertThat(timeline(orderId)).noneMatch(entry -> entry.contains("1Z999AA10123456784"));
		assertThatThrownBy(() -> fulfillment.setTracking(id, "UPS", " ")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void stepsBackwardsAreRefusedAndChangeNothing() {
		String a = newSku();
		String location = newLocation(1, 10, a);
		UUID orderId = submit(a, 1);
		UUID id = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		fulfillment.markShipped(id, "DHL", "JD1");
		FulfillmentOrder shipped = fulfillment.find(id);

		assertThatThrownBy(() -> fulfillment.markPicked(id)).isInstanceOf(FulfillmentOrderStateException.class)
			.hasMessageContaining("is SHIPPED");
		assertThatThrownBy(() -> fulfillment.markPacked(id)).isInstanceOf(FulfillmentOrderStateException.class);
		assertThatThrownBy(() -> fulfillment.release(id)).isInstanceOf(FulfillmentOrderStateException.class);
		assertThatThrownBy(() -> fulfillment.reject(id, "too late")).isInstanceOf(FulfillmentOrderStateException.class)
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> fulfillment.cancel(id, "too late", "agent"))
			.isInstanceOf(FulfillmentOrderStateException.class);

		assertThat(fulfillment.find(id)).isEqualTo(shipped);
		assertThat(stock(location, a)).isEqualTo(new StockLevel(location, a, 9, 0));
		assertThat(quantities(orderId, 1)).isEqualTo(new Quantities(1, 0, 1, 1, 0, 0, 0));
	}

	@Test
	void deliveryBeforeShippingIsRefused() {
		String a = newSku();
		newLocation(1, 10, a);
		UUID orderId = submit(a, 1);
		UUID id = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		fulfillment.markPacked(id);

		assertThatThrownBy(() -> fulfillment.markDelivered(id)).isInstanceOf(FulfillmentOrderStateException.class)
			.satisfies(e -> {
				FulfillmentOrderStateException refused = (FulfillmentOrderStateException) e;
				assertThat(refused.fulfillmentOrderId()).isEqualTo(id);
				assertThat(refused.status()).isEqualTo(FulfillmentOrderStatus.PACKED);
			});
		assertThat(fulfillment.find(id).status()).isEqualTo(FulfillmentOrderStatus.PACKED);
	}

	@Test
	void nothingHappensToACanceledOrRejectedFulfillmentOrder() {
		String a = newSku();
		newLocation(1, 10, a);
		UUID canceledOrder = submit(a, 1);
		UUID canceled = fulfillment.allocate(canceledOrder, "test").fulfillmentOrderIds().get(0);
		UUID rejectedOrder = submit(a, 1);
		UUID rejected = fulfillment.allocate(rejectedOrder, "test").fulfillmentOrderIds().get(0);
		assertThat(fulfillment.cancel(canceled, "customer changed their mind", "agent")).isTrue();
		assertThat(fulfillment.reject(rejected, "damaged")).isEmpty();

		for (UUID id : List.of(canceled, rejected)) {
			FulfillmentOrder before = fulfillment.find(id);
			assertThatThrownBy(() -> fulfillment.release(id)).isInstanceOf(FulfillmentOrderStateException.class);
			assertThatThrownBy(() -> fulfillment.markPicked(id)).isInstanceOf(FulfillmentOrderStateException.class);
			assertThatThrownBy(() -> fulfillment.markPacked(id)).isInstanceOf(FulfillmentOrderStateException.class);
			assertThatThrownBy(() -> fulfillment.markShipped(id, "DHL", "X"))
				.isInstanceOf(FulfillmentOrderStateException.class);
			assertThatThrownBy(() -> fulfillment.markDelivered(id)).isInstanceOf(FulfillmentOrderStateException.class);
			assertThatThrownBy(() -> fulfillment.reject(id, "again")).isInstanceOf(FulfillmentOrderStateException.class);
			assertThatThrownBy(() -> fulfillment.setTracking(id, "DHL", "X"))
				.isInstanceOf(FulfillmentOrderStateException.class);
			assertThat(fulfillment.find(id)).isEqualTo(before);
		}
		assertThatThrownBy(() -> fulfillment.cancel(rejected, "again", "agent"))
			.isInstanceOf(FulfillmentOrderStateException.class);
		assertThat(fulfillment.cancel(canceled, "again", "agent")).isFalse();
	}

	@Test
	void cancelingAFulfillmentOrderReleasesItsStockAndLeavesTheLinesUnallocated() {
		String a = newSku();
		String location = newLocation(1, 10, a);
		UUID orderId = submit(a, 3);
		UUID id = fulfillment.allocate(orderId, "test").fulfillmentOrderIds().get(0);
		fulfillment.markPicked(id);

		assertThat(fulfillment.cancel(id, "address undeliverable", "agent")).isTrue();

		FulfillmentOrder fo = fulfillment.find(id);
		assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.CANCELED);
		assertThat(fo.statusReason()).isEqualTo("address undeliverable");
		assertThat(stock(location, a).reserved()).isZero();
		assertThat(fulfillment.unallocated(orderId)).containsExactly(Map.entry(1, 3));
	}

	@Test
	void cancelUnallocatedCancelsOnlyWhatIsNotAllocated() {
		// Given 3 × A ordered and 1 in stock
		String a = newSku();
		String b = newSku();
		newLocation(1, 1, a);
		newLocation(2, 5, b);
		UUID orderId = submit(a, 3, b, 1);
		fulfillment.allocate(orderId, "test");

		// When what is unallocated is canceled
		int canceled = unitCancellations.cancelUnallocated(orderId, "agent");

		// Then the 2 missing units are canceled, the allocated ones stay
		assertThat(canceled).isEqualTo(2);
		assertThat(quantities(orderId, 1)).isEqualTo(new Quantities(3, 2, 1, 0, 0, 0, 0));
		assertThat(line(orderId, 1).status()).isEqualTo(LineStatus.ALLOCATED);
		assertThat(quantities(orderId, 2)).isEqualTo(new Quantities(1, 0, 1, 0, 0, 0, 0));
		assertThat(fulfillment.unallocated(orderId)).isEmpty();
		assertThat(timeline(orderId)).anyMatch(entry -> entry.startsWith("ALLOCATION Canceled 2 unallocated unit(s)"));
		assertThat(unitCancellations.cancelUnallocated(orderId, "agent")).isZero();
		assertThat(fulfillment.allocate(orderId, "test").fulfillmentOrderIds()).isEmpty();
	}

	@Test
	void unknownIdsAreNotFound() {
		UUID nobody = UUID.randomUUID();

		assertThatThrownBy(() -> fulfillment.find(nobody)).isInstanceOf(FulfillmentOrderNotFoundException.class);
		assertThatThrownBy(() -> fulfillment.release(nobody)).isInstanceOf(FulfillmentOrderNotFoundException.class);
		assertThatThrownBy(() -> fulfillment.markShipped(nobody, null, null))
			.isInstanceOf(FulfillmentOrderNotFoundException.class);
		assertThatThrownBy(() -> fulfillment.reject(nobody, "x")).isInstanceOf(FulfillmentOrderNotFoundException.class);
		assertThatThrownBy(() -> fulfillment.allocate(nobody, "test")).isInstanceOf(UnknownOrderException.class);
		assertThatThrownBy(() -> fulfillment.unallocated(nobody)).isInstanceOf(UnknownOrderException.class);
		assertThatThrownBy(() -> unitCancellations.cancelUnallocated(nobody, "agent")).isInstanceOf(UnknownOrderException.class);
		assertThat(fulfillment.ofOrder(nobody)).isEmpty();
	}

}
