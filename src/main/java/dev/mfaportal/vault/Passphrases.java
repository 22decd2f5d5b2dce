package dev.mfaportal.vault;

import dev.mfaportal.credentialsource.VaultException;

/**
 * What the vault file takes as a passphrase: one line of text, long enough to resist
 * guessing when the file is new, short enough that the KDF never sees megabytes. Messages
 * never repeat it.
 */
final class Passphrases {

	static final int MIN = 10;

	static final int MAX = 1024;

	private Passphrases() {
	}

	static void check(String passphrase) {
		if (passphrase == null || passphrase.isEmpty()) {
			throw new VaultException("vault.unlock.required", "no passphrase", null);
		}
		if (passphrase.length() > MAX) {
			throw new VaultException("vault.unlock.long", "too long", null, String.valueOf(MAX));
		}
		if (passphrase.chars().anyMatch(Character::isISOControl)) {
			throw new VaultException("vault.unlock.characters", "control characters", null);
		}
	}

	static void checkNew(String passphrase, String repeat) {
		if (passphrase.length() < MIN) {
			throw new VaultException("vault.unlock.short", "too short", null, String.valueOf(MIN));
		}
		if (!passphrase.equals(repeat)) {
			throw new VaultException("vault.unlock.mismatch", "repeat differs", null);
		}
	}

}
