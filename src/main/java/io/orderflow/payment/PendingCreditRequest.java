package io.orderflow.payment;

import java.math.BigDecimal;

/**
 * A credit to take off the next captures of a line ({@code lineNumber}) or of shipping ({@code null}).
 * @param sourceKey what the credit is for, e.g. {@code adjustment:<id>}: one pending credit per key
 * @param netAmount the net part (all of it for shipping), {@code >= 0}
 * @param taxAmount the tax part (zero for shipping), {@code >= 0}
 * @param creditedLineNumber the line whose units the credit stands for when not {@code lineNumber} (an exchange's
 * returned units, taken off the capture of its replacement's line), else {@code null}
 * @param creditedQuantity how many units of {@code creditedLineNumber} it credits, else {@code null} (an amount
 * off the line, not units)
 */
public record PendingCreditRequest(String sourceKey, String reason, Integer lineNumber, BigDecimal netAmount,
		BigDecimal taxAmount, Integer creditedLineNumber, Integer creditedQuantity) {

	/** An amount off the line (or shipping) itself. */
	public PendingCreditRequest(String sourceKey, String reason, Integer lineNumber, BigDecimal netAmount,
			BigDecimal taxAmount) {
		this(sourceKey, reason, lineNumber, netAmount, taxAmount, null, null);
	}

}
