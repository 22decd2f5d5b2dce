package dev.mfaportal.credentialsource;

/**
 * Which store the vault uses and whether it can be used now, for the pages and the
 * start-up log.
 *
 * @param backend {@code keychain}, {@code file}, {@code none}, or {@code auto} while
 * nothing chose yet
 * @param status whether keys can be read and stored
 * @param where the store's place: the keychain's kind or the file's path
 * @param reasonKey message key of why this store (and not the keychain), or of what is
 * wrong with it; {@code null} when there is nothing to say
 * @param reason the detail for {@code reasonKey}'s argument {0}, never a secret
 * @param whyNotKeychain why {@code auto} did not pick the keychain, or {@code null}
 */
public record VaultState(String backend, Status status, String where, String reasonKey, String reason,
		String whyNotKeychain) {

	/** What the vault can do now. */
	public enum Status {

		/** Keys can be listed, read and stored. */
		READY,
		/** The file vault waits for its passphrase. */
		LOCKED,
		/** No vault file yet: the first passphrase creates it. */
		NEW,
		/**
		 * The store can't be used; {@code reasonKey} says why. The file is left alone.
		 */
		BROKEN,
		/** {@code portal.vault.backend=none}. */
		OFF

	}

	/** The same state, saying why the keychain was not used. */
	public VaultState withWhyNotKeychain(String why) {
		return new VaultState(this.backend, this.status, this.where, this.reasonKey, this.reason, why);
	}

	public boolean usable() {
		return this.status == Status.READY;
	}

}
