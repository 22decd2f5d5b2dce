package dev.mfaportal.policy;

/**
 * A policy file that does not parse or validate, with the line it went wrong on (0 when
 * the file as a whole is refused, as one too large). The message is for the admin who
 * edits the file, in English as the file itself is.
 */
class PolicyException extends RuntimeException {

	private final int line;

	PolicyException(int line, String message) {
		super(message, null, false, false);
		this.line = line;
	}

	int line() {
		return this.line;
	}

	/**
	 * The message with its line, as the admin page, the health and the history show it.
	 */
	String describe() {
		return (this.line > 0) ? "line " + this.line + ": " + getMessage() : getMessage();
	}

}
