package io.orderflow.payment;

import java.math.BigDecimal;

/**
 * A credit to take off the next captures of a line ({@code lineNumber}) or of shipping ({@code null}).
 * @param sourceKey what the credit is for, e.g. {@code adjustment:<id>}: one pending credit per key
 * @param netAmount the net part (all of it for shipping), {@code >= 0}
 * @param taxAmount the tax part (zero for shipping), {@code >= 0}
 */
public record PendingCreditRequest(String sourceKey, String reason, Integer lineNumber, BigDecimal netAmount,
		BigDecimal taxAmount) {
}
