package io.orderflow.platform;

/**
 * A sandbox (the built-in payment gateway or carrier, which take no money and ship nothing) is selected where the
 * configuration does not allow it: production ({@code postgres} profile) refuses to start with one unless a
 * property says so explicitly. The failure report names the property that selects it and the one that allows it.
 */
public class SandboxNotAllowedException extends RuntimeException {

	private final String selectedBy;

	private final String allowedBy;

	private final String variable;

	/**
	 * @param sandbox what the sandbox is, e.g. "the sandbox payment gateway"
	 * @param selectedBy the property that selects it, e.g. {@code orderflow.payment.gateway=sandbox}
	 * @param allowedBy the property that allows it, e.g. {@code orderflow.payment.allow-sandbox}
	 * @param variable the environment variable of that property
	 */
	public SandboxNotAllowedException(String sandbox, String selectedBy, String allowedBy, String variable) {
		super(capitalized(sandbox) + " is selected (" + selectedBy + ", the default), and this configuration does not"
				+ " allow a sandbox: it takes no real money and ships nothing. Select a real one, or set " + allowedBy
				+ "=true (environment variable " + variable + "=true) to run the sandbox on purpose");
		this.selectedBy = selectedBy;
		this.allowedBy = allowedBy;
		this.variable = variable;
	}

	String selectedBy() {
		return selectedBy;
	}

	String allowedBy() {
		return allowedBy;
	}

	String variable() {
		return variable;
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
