package io.orderflow.cancellation;

import java.util.List;

import io.orderflow.service.LineRequests;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/orders/{id}/cancellations}: some units of some lines, or the whole order (whatever has
 * not shipped), and why.
 */
@Schema(description = "Lines and quantities to cancel, or wholeOrder: true; and a reason")
public record CancellationRequest(List<Line> lines, Boolean wholeOrder, String reason) {

	public record Line(Integer lineNumber, Integer quantity) implements LineRequests.Line {
	}

	boolean isWholeOrder() {
		return Boolean.TRUE.equals(wholeOrder);
	}

}
