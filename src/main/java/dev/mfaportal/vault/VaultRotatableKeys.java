package dev.mfaportal.vault;

import java.util.Arrays;
import java.util.Optional;

import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.credentialsource.VaultState.Status;
import dev.mfaportal.rotation.KeyStoreUnavailable;
import dev.mfaportal.rotation.RotatableKeys;

/**
 * Local mode's vault as rotation sees it: a key by its vault id, its secret read for the
 * rotation's calls, and the new pair put in its place under the same id and label (so the
 * form's source and the saved devices that name it still apply). A locked vault, or one
 * that can't be read, is said before the rotation spends anything.
 */
class VaultRotatableKeys implements RotatableKeys {

	private final KeyVault vault;

	VaultRotatableKeys(KeyVault vault) {
		this.vault = vault;
	}

	@Override
	public Optional<KeyPair> find(String id) {
		// Its keys are unknown while it is locked or can't be used: neither there nor
		// gone.
		VaultState state = this.vault.state();
		if (state.status() == Status.LOCKED) {
			throw new KeyStoreUnavailable("vault.rotate.locked");
		}
		if (state.status() == Status.BROKEN) {
			throw unavailable(state.reasonKey(), state.reason());
		}
		try {
			return this.vault.find(id)
				.flatMap((key) -> this.vault.secret(id)
					.map((pair) -> new KeyPair(key.label(), pair.accessKeyId(), pair.secretAccessKey())));
		}
		catch (VaultException ex) {
			throw unavailable(ex.messageKey(), ex.arguments());
		}
	}

	@Override
	public void replace(String id, KeyPair newPair) {
		this.vault.replace(id, new LongTermKey(newPair.accessKeyId(), newPair.secretAccessKey()));
	}

	/**
	 * In the vault's words, and for the keychain the rotation's: what failed, nothing
	 * spent.
	 */
	private static KeyStoreUnavailable unavailable(String messageKey, Object... arguments) {
		return new KeyStoreUnavailable(
				"vault.keychain.broken".equals(messageKey) ? "vault.rotate.keychain" : messageKey,
				Arrays.stream(arguments).map(String::valueOf).toArray(String[]::new));
	}

}
