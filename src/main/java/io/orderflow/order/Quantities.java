package io.orderflow.order;

/**
 * The quantities of one order line, after the reference material's order item summary. Everything
 * else about a line's progress (what can still be canceled, returned or reshipped, its status) is
 * derived from them. The database enforces that they add up.
 */
public record Quantities(int ordered, int canceled, int allocated, int fulfilled, int returnInitiated, int returned,
		int reshipped) {

	public static Quantities ordered(int quantity) {
		return new Quantities(quantity, 0, 0, 0, 0, 0, 0);
	}

	public int netOrdered() {
		return ordered - canceled;
	}

	public int availableToCancel() {
		return ordered - canceled - allocated;
	}

	public int availableToReturn() {
		return fulfilled - returnInitiated;
	}

	public int availableToReship() {
		return fulfilled - reshipped - returnInitiated;
	}

	/** True when the quantities obey every rule of docs/domain.md (also enforced by a check constraint). */
	public boolean consistent() {
		return ordered > 0 && canceled >= 0 && allocated >= 0 && fulfilled >= 0 && returnInitiated >= 0 && returned >= 0
				&& reshipped >= 0 && canceled + allocated <= ordered && fulfilled <= allocated
				&& returned <= returnInitiated && returnInitiated + reshipped <= fulfilled;
	}

	public LineStatus status() {
		if (netOrdered() == 0) {
			return LineStatus.CANCELED;
		}
		if (returned > 0 && returned == fulfilled) {
			return LineStatus.RETURNED;
		}
		if (returnInitiated > 0) {
			return LineStatus.RETURN_INITIATED;
		}
		if (reshipped > 0) {
			return LineStatus.RESHIPPED;
		}
		if (fulfilled > 0) {
			return fulfilled == netOrdered() ? LineStatus.FULFILLED : LineStatus.PARTIALLY_FULFILLED;
		}
		if (allocated > 0) {
			return allocated == netOrdered() ? LineStatus.ALLOCATED : LineStatus.PARTIALLY_ALLOCATED;
		}
		return LineStatus.ORDERED;
	}

}
