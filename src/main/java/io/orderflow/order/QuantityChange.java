package io.orderflow.order;

/** Deltas to add to one order line's quantities; all zero except what changes. */
public record QuantityChange(int canceled, int allocated, int fulfilled, int returnInitiated, int returned,
		int reshipped) {

	public static QuantityChange allocated(int quantity) {
		return new QuantityChange(0, quantity, 0, 0, 0, 0);
	}

	public static QuantityChange fulfilled(int quantity) {
		return new QuantityChange(0, 0, quantity, 0, 0, 0);
	}

	public static QuantityChange canceled(int quantity) {
		return new QuantityChange(quantity, 0, 0, 0, 0, 0);
	}

	public static QuantityChange reshipped(int quantity) {
		return new QuantityChange(0, 0, 0, 0, 0, quantity);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		append(text, "canceled", canceled);
		append(text, "allocated", allocated);
		append(text, "fulfilled", fulfilled);
		append(text, "returnInitiated", returnInitiated);
		append(text, "returned", returned);
		append(text, "reshipped", reshipped);
		return text.isEmpty() ? "no change" : text.toString();
	}

	private static void append(StringBuilder text, String name, int delta) {
		if (delta != 0) {
			if (!text.isEmpty()) {
				text.append(", ");
			}
			text.append(name).append(delta > 0 ? " +" : " ").append(delta);
		}
	}

}
