package io.orderflow.reshipment;

import java.util.List;

import io.orderflow.service.LineRequests;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/orders/{id}/reshipments}: units of shipped lines to send again (lost, damaged), and why. */
@Schema(description = "Lines and quantities to send again, free of charge, and a reason")
public record ReshipmentRequest(List<Line> lines, String reason) {

	public record Line(Integer lineNumber, Integer quantity) implements LineRequests.Line {
	}

}
