package dev.mfaportal.credentialsource;

import java.util.Optional;

/**
 * The long-term key lines of the person's credentials file, for moving a profile's keys
 * into the vault and back. Implemented by the profile feature, whose writer keeps every
 * other byte of the file. Each method changes the file whole or not at all.
 */
public interface CredentialsFileKeys {

	/** The file, as the page names it ({@code ~/.aws/credentials}). */
	String fileName();

	/**
	 * The profile's long-term key pair in the file.
	 * @return empty when the section holds none (or a session token with it)
	 */
	Optional<LongTermKey> keys(String profile);

	/**
	 * Removes {@code aws_access_key_id} and {@code aws_secret_access_key} from the
	 * section, and the section when nothing else is left in it.
	 * @param expected the pair that must still be there: a file edited meanwhile is left
	 * alone
	 * @throws VaultException when the file no longer holds that pair or can't be written;
	 * the file is as it was
	 */
	void removeKeys(String profile, LongTermKey expected);

	/**
	 * Writes the pair into the section, which is created when absent.
	 * @throws VaultException when the section holds keys already or the file can't be
	 * written; the file is as it was
	 */
	void putBack(String profile, LongTermKey pair);

}
