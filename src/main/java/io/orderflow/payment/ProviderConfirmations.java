package io.orderflow.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a payment provider that confirms captures and refunds afterwards (Adyen) has not confirmed yet, or refused. A
 * provider that answers at once (the sandbox) has none; the ledger shows these beside its totals.
 */
public interface ProviderConfirmations {

	/** The order's captures and refunds awaited and refused, in its currency. */
	Awaited of(UUID orderId, String currency);

	/**
	 * @param capturesAwaited captured in the ledger, not confirmed by the provider yet
	 * @param refundsAwaited refunded in the ledger, not confirmed yet
	 * @param capturesRefused captured in the ledger, refused by the provider afterwards (a "Settle refused payment" task stands for each)
	 * @param refundsRefused refunded in the ledger, refused afterwards
	 */
	record Awaited(BigDecimal capturesAwaited, BigDecimal refundsAwaited, BigDecimal capturesRefused,
			BigDecimal refundsRefused) {

		static Awaited none(String currency) {
			BigDecimal zero = Money.zero(currency);
			return new Awaited(zero, zero, zero, zero);
		}

	}

}
