package io.orderflow.exchange;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One exchange of an order: units of its lines sent back ({@code lines}) and a replacement sent in their place,
 * which becomes a line of the order of its own ({@code replacementLineNumber}, once approved). The values are
 * fixed when it is requested: what the returned units were paid for and what the replacement costs (net + tax).
 */
public record Exchange(UUID id, UUID orderId, String orderNumber, ExchangeStatus status, String reserveOn,
		String statusReason, String currency, BigDecimal returnedValue, BigDecimal replacementValue,
		Replacement replacement, Integer replacementLineNumber, String receivedAtLocation, String requestedBy,
		String processInstanceId, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Line> lines) {

	public Exchange {
		lines = List.copyOf(lines);
	}

	/** Units of one order line sent back, why, and what they were paid for (net and tax): what they are credited. */
	public record Line(int lineNumber, String sku, int quantity, String reason, BigDecimal paidNet, BigDecimal paidTax) {

		BigDecimal paid() {
			return paidNet.add(paidTax);
		}

	}

	/** What is sent instead. */
	public record Replacement(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal taxRate) {
	}

	/** What the customer pays more (positive), gets back (negative), or nothing (zero, an even exchange). */
	public BigDecimal difference() {
		return replacementValue.subtract(returnedValue);
	}

	/** EVEN, UP (the replacement costs more) or DOWN (it costs less). */
	public String kind() {
		int sign = difference().signum();
		return sign == 0 ? "EVEN" : sign > 0 ? "UP" : "DOWN";
	}

}
