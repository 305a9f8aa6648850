package io.orderflow.delivery;

import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.fulfillment.FulfillmentOrder;
import io.orderflow.fulfillment.FulfillmentOrders;
import io.orderflow.order.Orders;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What "Reship undelivered units" hands the OrderReshipment process it calls, as its start form would: the order
 * number, the parcel's units as "lineNumber:quantity, ..." and the reason
 * ({@code ${undeliveredReshipment.lines(fulfillmentOrderId)}} in the model). The reshipment registers them by the
 * same rules as any other, requested by the agent who decided.
 */
@Component("undeliveredReshipment")
public class UndeliveredReshipment {

	private final FulfillmentOrders fulfillmentOrders;

	private final Orders orders;

	private final DeliveryFailures failures;

	UndeliveredReshipment(FulfillmentOrders fulfillmentOrders, Orders orders, DeliveryFailures failures) {
		this.fulfillmentOrders = fulfillmentOrders;
		this.orders = orders;
		this.failures = failures;
	}

	@Transactional(readOnly = true)
	public String orderNumber(String fulfillmentOrderId) {
		return orders.require(fulfillmentOrders.find(UUID.fromString(fulfillmentOrderId)).orderId()).orderNumber();
	}

	@Transactional(readOnly = true)
	public String lines(String fulfillmentOrderId) {
		return fulfillmentOrders.find(UUID.fromString(fulfillmentOrderId))
			.lines()
			.stream()
			.map(line -> line.lineNumber() + ":" + line.quantity())
			.collect(Collectors.joining(", "));
	}

	@Transactional(readOnly = true)
	public String reason(String fulfillmentOrderId) {
		FulfillmentOrder fo = fulfillmentOrders.find(UUID.fromString(fulfillmentOrderId));
		return failures.latestOf(fo.id())
			.map(failure -> (failure.kind() == DeliveryFailure.Kind.LOST ? "Parcel lost" : "Parcel not delivered") + " ("
					+ fo.number() + ", " + failure.reason() + ")")
			.orElse("Parcel not delivered (" + fo.number() + ")");
	}

}
