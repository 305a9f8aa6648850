package io.orderflow.returns;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The money side of a return: what units are worth, and the credit memo refunded for them. */
interface ReturnCredit {

	/** Units of one order line. */
	record Units(int lineNumber, int quantity) {
	}

	/** The credit memo issued and refunded. */
	record Refunded(String creditMemoNumber, BigDecimal total) {
	}

	/** What {@code quantity} units of a line are worth as sold, net plus tax. */
	BigDecimal unitsValue(UUID orderId, int lineNumber, int quantity);

	/**
	 * What {@code quantity} units of a line were paid for, net plus tax: as sold, less their share of what amounts
	 * off the line (appeasements) already gave back.
	 */
	BigDecimal unitsPaid(UUID orderId, int lineNumber, int quantity);

	/**
	 * Credits the units less {@code fee} and refunds it; idempotent by {@code sourceKey} (a retry refunds
	 * nothing more and answers the same memo).
	 */
	Refunded creditAndRefund(UUID orderId, String sourceKey, String reason, List<Units> units, BigDecimal fee);

}
