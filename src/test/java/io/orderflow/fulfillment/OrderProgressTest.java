package io.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Quantities;
import org.junit.jupiter.api.Test;

/** The status derived from an order's quantities and fulfillment orders, case by case. */
class OrderProgressTest {

	@Test
	void aLineCanceledInPartBeforeAllocationCountsOnlyWhatIsLeft() {
		// Given a line of 3 of which 1 was canceled in Capture, and a line of 1
		// When the rest is allocated, then shipped
		// Then the order is ALLOCATED (not BACKORDERED for the canceled unit), then SHIPPED
		assertThat(OrderProgress.derive(lines(new Quantities(3, 1, 2, 0, 0, 0, 0), new Quantities(1, 0, 1, 0, 0, 0, 0)),
				List.of())).isEqualTo(OrderStatus.ALLOCATED);
		assertThat(OrderProgress.derive(lines(new Quantities(3, 1, 2, 2, 0, 0, 0), new Quantities(1, 0, 1, 1, 0, 0, 0)),
				List.of(fo(FulfillmentOrderStatus.SHIPPED, null, 1, 2), fo(FulfillmentOrderStatus.SHIPPED, null, 2, 1))))
			.isEqualTo(OrderStatus.SHIPPED);
		// and only what is truly unallocated makes it BACKORDERED
		assertThat(OrderProgress.derive(lines(new Quantities(3, 1, 1, 0, 0, 0, 0)), List.of()))
			.isEqualTo(OrderStatus.BACKORDERED);
		assertThat(OrderProgress.derive(lines(new Quantities(3, 3, 0, 0, 0, 0, 0)), List.of()))
			.isEqualTo(OrderStatus.CANCELED);
	}

	@Test
	void anOrderWithUndeliveredUnitsBeingReshippedIsShippedUntilTheReshipmentIsDelivered() {
		// Given line 1's parcel undelivered (given up), line 2's delivered
		UUID reshipment = UUID.randomUUID();
		List<OrderLine> lines = lines(new Quantities(1, 0, 1, 1, 0, 0, 0), new Quantities(1, 0, 1, 1, 0, 0, 0));
		List<FulfillmentOrder> fos = new ArrayList<>(List.of(fo(FulfillmentOrderStatus.UNDELIVERED, null, 1, 1),
				fo(FulfillmentOrderStatus.DELIVERED, null, 2, 1)));

		// Then with no reshipment yet, it is SHIPPED
		assertThat(OrderProgress.derive(lines, fos)).isEqualTo(OrderStatus.SHIPPED);

		// and with the reshipment on its way, still SHIPPED
		fos.add(fo(FulfillmentOrderStatus.SHIPPED, reshipment, 1, 1));
		List<OrderLine> reshipped = lines(new Quantities(1, 0, 1, 1, 0, 0, 1), new Quantities(1, 0, 1, 1, 0, 0, 0));
		assertThat(OrderProgress.derive(reshipped, fos)).isEqualTo(OrderStatus.SHIPPED);

		// When the reshipment is delivered, it is DELIVERED
		fos.set(2, fo(FulfillmentOrderStatus.DELIVERED, reshipment, 1, 1));
		assertThat(OrderProgress.derive(reshipped, fos)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void anOrderWhoseUndeliveredParcelCameBackIsDeliveredWithTheRest() {
		// Given line 1's parcel back at the sender (its units returned, then refunded), line 2's delivered
		List<OrderLine> lines = lines(new Quantities(1, 0, 1, 1, 1, 1, 0), new Quantities(1, 0, 1, 1, 0, 0, 0));
		List<FulfillmentOrder> fos = List.of(fo(FulfillmentOrderStatus.UNDELIVERED, null, 1, 1),
				fo(FulfillmentOrderStatus.DELIVERED, null, 2, 1));

		// Then nothing is under way: it is DELIVERED
		assertThat(OrderProgress.derive(lines, fos)).isEqualTo(OrderStatus.DELIVERED);
	}

	@Test
	void aReshipmentOfDeliveredUnitsDoesNotMoveTheOrder() {
		// Given a delivered order whose units are reshipped (damaged), the reshipment on its way
		List<OrderLine> lines = lines(new Quantities(1, 0, 1, 1, 0, 0, 1));
		List<FulfillmentOrder> fos = List.of(fo(FulfillmentOrderStatus.DELIVERED, null, 1, 1),
				fo(FulfillmentOrderStatus.SHIPPED, UUID.randomUUID(), 1, 1));

		// Then it stays DELIVERED: a reshipment has a status of its own
		assertThat(OrderProgress.derive(lines, fos)).isEqualTo(OrderStatus.DELIVERED);
	}

	private static List<OrderLine> lines(Quantities... quantities) {
		List<OrderLine> lines = new ArrayList<>();
		for (int i = 0; i < quantities.length; i++) {
			lines.add(new OrderLine(UUID.randomUUID(), i + 1, "SKU-" + (i + 1), "Product", BigDecimal.TEN,
					BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN, quantities[i]));
		}
		return lines;
	}

	private static FulfillmentOrder fo(FulfillmentOrderStatus status, UUID reshipmentId, int lineNumber, int quantity) {
		return new FulfillmentOrder(UUID.randomUUID(), UUID.randomUUID(), "OF-1-F1", "L", status, null, null, null, null,
				null, null, null, 0, reshipmentId, List.of(new FulfillmentOrderLine(lineNumber, "SKU-" + lineNumber,
						quantity)));
	}

}
