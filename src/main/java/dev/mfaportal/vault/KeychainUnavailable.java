package dev.mfaportal.vault;

/** Why the keychain can't be used; the message names no secret. */
class KeychainUnavailable extends Exception {

	KeychainUnavailable(String message) {
		super(message);
	}

}
