package dev.mfaportal.credentialsource;

import java.util.List;
import java.util.Optional;

/**
 * Where local mode keeps long-term keys out of plain files: the port that credential
 * sources read and that each store (the OS keychain, an encrypted file, none) implements
 * in {@code dev.mfaportal.vault}, as aws-vault's keyring has one interface and a backend
 * per store. Rotation replaces a key through it. Nothing it returns but
 * {@link #secret(String)} holds a secret.
 */
public interface KeyVault {

	/** Which store answers and whether it can be used now. Cheap: asks no store. */
	VaultState state();

	/** The keys, without secrets; empty while the store is locked or unused. */
	List<VaultKey> list();

	default Optional<VaultKey> find(String id) {
		return list().stream().filter((key) -> key.id().equals(id)).findFirst();
	}

	/**
	 * The key pair, for the one call it signs.
	 * @throws VaultException when the store can't be read
	 */
	Optional<LongTermKey> secret(String id);

	/**
	 * Stores a new key under a label no other key has (ignoring case).
	 * @return what was stored
	 * @throws VaultException when the store refuses, is locked or is unusable; nothing
	 * changed then
	 */
	VaultKey store(String label, LongTermKey pair);

	/**
	 * Puts a new pair in place of a key's, keeping its id and label (rotation).
	 * @throws VaultException when there is no such key or the store refuses
	 */
	VaultKey replace(String id, LongTermKey pair);

	/**
	 * @return whether there was such a key
	 */
	boolean remove(String id);

	/** The vault of {@code portal.vault.backend=none}: today's behaviour, no store. */
	static KeyVault none() {
		return NoVault.INSTANCE;
	}

}
