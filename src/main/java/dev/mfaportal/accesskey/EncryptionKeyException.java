package dev.mfaportal.accesskey;

/**
 * The encryption key configuration cannot work. Its message and {@link #action()} are
 * shown at start-up by {@link EncryptionKeyFailureAnalyzer}; neither ever holds a key.
 */
abstract class EncryptionKeyException extends RuntimeException {

	private final String action;

	EncryptionKeyException(String message, String action) {
		super(message);
		this.action = action;
	}

	/** What to do about it. */
	String action() {
		return this.action;
	}

}
