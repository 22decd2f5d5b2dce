package dev.mfaportal.accesskey;

/**
 * A stored secret did not decrypt: its encryption key is not configured, or the row does
 * not authenticate under it. The message says which, and never holds key material or a
 * secret.
 */
class AccessKeyDecryptionException extends RuntimeException {

	AccessKeyDecryptionException(String message) {
		super(message);
	}

	AccessKeyDecryptionException(String message, Throwable cause) {
		super(message, cause);
	}

}
