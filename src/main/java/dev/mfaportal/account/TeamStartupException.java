package dev.mfaportal.account;

/**
 * Team mode can't start as configured; {@link TeamStartupFailureAnalyzer} prints what is
 * missing and what to do instead of a stack trace.
 */
public class TeamStartupException extends RuntimeException {

	private final String action;

	public TeamStartupException(String description, String action) {
		super(description);
		this.action = action;
	}

	public String action() {
		return this.action;
	}

}
