package io.orderflow.returns;

import java.util.List;

import io.orderflow.service.LineRequests;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/orders/{id}/returns}: units of shipped lines, each with why it comes back. */
@Schema(description = "Lines with quantity and reason (DEFECTIVE, ARRIVED_DAMAGED, WRONG_ITEM, NOT_AS_DESCRIBED, "
		+ "DOES_NOT_FIT, CHANGED_MIND, OTHER); an optional note")
public record ReturnRequest(List<Line> lines, String note) {

	public record Line(Integer lineNumber, Integer quantity, String reason) implements LineRequests.Line {
	}

}
