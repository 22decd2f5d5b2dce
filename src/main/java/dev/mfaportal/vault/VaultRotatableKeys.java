package dev.mfaportal.vault;

import java.util.Optional;

import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.rotation.RotatableKeys;

/**
 * Local mode's vault as rotation sees it: a key by its vault id, its secret read for the
 * rotation's calls, and the new pair put in its place under the same id and label (so the
 * form's source and the saved devices that name it still apply).
 */
class VaultRotatableKeys implements RotatableKeys {

	private final KeyVault vault;

	VaultRotatableKeys(KeyVault vault) {
		this.vault = vault;
	}

	@Override
	public Optional<KeyPair> find(String id) {
		return this.vault.find(id)
			.flatMap((key) -> this.vault.secret(id)
				.map((pair) -> new KeyPair(key.label(), pair.accessKeyId(), pair.secretAccessKey())));
	}

	@Override
	public void replace(String id, KeyPair newPair) {
		this.vault.replace(id, new LongTermKey(newPair.accessKeyId(), newPair.secretAccessKey()));
	}

}
