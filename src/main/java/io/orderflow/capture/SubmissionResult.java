package io.orderflow.capture;

import io.orderflow.order.Order;

/**
 * What became of a submission: the order and the HTTP status of the answer: 201 for a new order,
 * 200 for an order that already existed for the channel and reference, or the first answer's status
 * when an {@code Idempotency-Key} is replayed.
 */
public record SubmissionResult(Order order, int status) {

	public boolean created() {
		return status == 201;
	}

}
