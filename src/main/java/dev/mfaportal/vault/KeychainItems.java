package dev.mfaportal.vault;

import java.util.Optional;

/**
 * The items of one service in the secret store, as {@link KeychainVault} uses them. An
 * interface so that a test can make one write fail against the real store and see what
 * the vault keeps.
 */
interface KeychainItems {

	/**
	 * @return the item, or empty when the store holds none of that name
	 */
	Optional<String> get(String account) throws KeychainUnavailable;

	void set(String account, String value) throws KeychainUnavailable;

	void delete(String account) throws KeychainUnavailable;

}
