package io.orderflow.order;

import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * One page of orders. The total is counted exactly up to {@link #EXACT_TOTAL_UP_TO} matches; beyond that it is a
 * lower bound ({@code totalExact} false): counting every one of 100,000 orders for the first page of a search cost
 * more than reading the page (docs/performance.md).
 */
public record OrderPage(List<Order> orders, int page, int size, long totalElements, boolean totalExact) {

	/** How many matching orders a search counts exactly. */
	public static final int EXACT_TOTAL_UP_TO = 10_000;

	/**
	 * The page {@code orders} of a search. A page that is not full tells the total itself; a full one (or an empty
	 * one after the first) asks {@code countUpTo}, which counts the matches but stops at the number it is given.
	 */
	static OrderPage of(List<Order> orders, int page, int size, int exactUpTo, LongUnaryOperator countUpTo) {
		long seen = (long) page * size + orders.size();
		long counted = orders.size() < size && (page == 0 || !orders.isEmpty()) ? seen
				: countUpTo.applyAsLong(exactUpTo + 1L);
		boolean exact = counted <= exactUpTo || counted == seen;
		return new OrderPage(orders, page, size, exact ? counted : Math.max(exactUpTo, seen), exact);
	}

	public int totalPages() {
		return size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
	}

}
