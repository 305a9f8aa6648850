package io.orderflow.platform;



/** Small rules for text that every module applies the same way. */
public final class Text {

	private Text() {
	}

	/** The text without surrounding blanks, or {@code null} when there is none. */
	public static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** The text cut to {@code length} characters (what its column holds), or {@code null} when there is none. */
	public static String atMost(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}

}
