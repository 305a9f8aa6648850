package io.orderflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Money at its currency's scale ({@link Currency#getDefaultFractionDigits()}), as docs/domain.md says. */
final class Money {

	private Money() {
	}

	static int scale(String currency) {
		return Currency.getInstance(currency).getDefaultFractionDigits();
	}

	/** The amount at the currency's scale; more significant decimals than the currency has are refused. */
	static BigDecimal of(BigDecimal amount, String currency) {
		try {
			return amount.setScale(scale(currency), RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException e) {
			throw new IllegalArgumentException(
					"Amount " + amount.toPlainString() + " has more decimals than " + currency + " has", e);
		}
	}

	static BigDecimal zero(String currency) {
		return BigDecimal.ZERO.setScale(scale(currency));
	}

	/** The amount in the currency's scale. @throws IllegalArgumentException when it is missing or negative */
	static BigDecimal nonNegative(BigDecimal amount, String currency, String what) {
		if (amount == null || amount.signum() < 0) {
			throw new IllegalArgumentException("The " + what + " must be zero or more, not " + amount);
		}
		return of(amount, currency);
	}

	static String format(BigDecimal amount, String currency) {
		return of(amount, currency).toPlainString() + " " + currency;
	}

}
