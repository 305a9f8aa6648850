package io.orderflow.order;



/**
 * An order's money as the payment stage keeps it: what is authorized and not yet captured, captured and
 * refunded. The order record shows it but does not own it; the payment module answers (it depends on the order
 * module, never the other way round).
 */
public interface OrderMoney {

	/** At the order's currency scale. */
	MoneySummary of(Order order);

}
