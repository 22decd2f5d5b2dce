package dev.mfaportal.accesskey;

/**
 * An encryption key is configured but unusable: not Base64, not 32 bytes, an unreadable
 * file.
 */
class InvalidEncryptionKeyException extends EncryptionKeyException {

	static final String GENERATE = "Create a key with 'openssl rand -base64 32' (Base64 of 32 random bytes, "
			+ "for AES-256).";

	InvalidEncryptionKeyException(String message, String action) {
		super(message, action);
	}

	InvalidEncryptionKeyException(String message) {
		this(message, GENERATE);
	}

}
