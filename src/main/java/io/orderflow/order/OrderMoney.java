package io.orderflow.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order's money as the payment stage keeps it: what is authorized and not yet captured, captured and
 * refunded. The order record shows it but does not own it; the payment module answers (it depends on the order
 * module, never the other way round).
 */
public interface OrderMoney {

	/** At the order's currency scale. */
	MoneySummary of(Order order);

	/**
	 * The money of each of these orders (a page of a search), by order id, each as {@link #of} answers it; in one
	 * look-up for the page, so that a list does not cost a round trip per order.
	 */
	Map<UUID, MoneySummary> ofOrders(List<Order> orders);

}
