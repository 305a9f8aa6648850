package io.orderflow.order;

import java.util.List;

/** One page of orders. */
public record OrderPage(List<Order> orders, int page, int size, long totalElements) {

	public int totalPages() {
		return size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
	}

}
