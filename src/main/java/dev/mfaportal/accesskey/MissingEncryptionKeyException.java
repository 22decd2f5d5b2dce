package dev.mfaportal.accesskey;

/**
 * Team mode started without a key to encrypt stored access keys with.
 */
class MissingEncryptionKeyException extends EncryptionKeyException {

	MissingEncryptionKeyException() {
		super("Team mode stores each member's AWS secret access keys encrypted, and no encryption key is "
				+ "configured: neither portal.encryption.key (environment variable PORTAL_ENCRYPTION_KEY) nor "
				+ "portal.encryption.key-file (PORTAL_ENCRYPTION_KEY_FILE) is set.",
				"Create a key once with 'openssl rand -base64 32' and keep it outside the database, then either set "
						+ "PORTAL_ENCRYPTION_KEY to it, or write it to a file readable only by the portal and set "
						+ "PORTAL_ENCRYPTION_KEY_FILE to that file's path. Every instance needs the same key; "
						+ "without it the stored keys cannot be decrypted.");
	}

}
