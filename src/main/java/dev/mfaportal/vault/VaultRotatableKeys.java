package dev.mfaportal.vault;

import java.util.Arrays;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.credentialsource.VaultState.Status;
import dev.mfaportal.rotation.KeyStoreUnavailable;
import dev.mfaportal.rotation.RotatableKeys;
import dev.mfaportal.sts.SigningProfile;
import dev.mfaportal.sts.StsCallException;

/**
 * Local mode's vault as rotation sees it: a key by its vault id, its secret read for the
 * rotation's calls, and the new pair put in its place under the same id and label (so the
 * form's source and the saved devices that name it still apply). A key's calls go where
 * issuing sends those it signs: the region and endpoint settings of the profile its label
 * names, as the credential sources read them. A locked vault, or one that can't be read,
 * is said before the rotation spends anything.
 */
class VaultRotatableKeys implements RotatableKeys {

	private final KeyVault vault;

	private final CredentialSources sources;

	VaultRotatableKeys(KeyVault vault, CredentialSources sources) {
		this.vault = vault;
		this.sources = sources;
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
			return this.vault.find(id).flatMap((key) -> this.vault.secret(id).map((pair) -> {
				Optional<CredentialSource> source = source(key.label());
				return new KeyPair(key.label(), pair.accessKeyId(), pair.secretAccessKey(),
						source.map(CredentialSource::region).orElse(null), source.map(this::profile).orElse(null));
			}));
		}
		catch (VaultException ex) {
			throw unavailable(ex.messageKey(), ex.arguments());
		}
	}

	@Override
	public void replace(String id, KeyPair newPair) {
		this.vault.replace(id, new LongTermKey(newPair.accessKeyId(), newPair.secretAccessKey()));
	}

	/** The vault key of that label among the sources issuing offers. */
	private Optional<CredentialSource> source(String label) {
		return this.sources.list()
			.stream()
			.filter((source) -> source.kind() == CredentialSource.Kind.VAULT && source.name().equals(label))
			.findFirst();
	}

	/**
	 * The endpoint settings issuing signs with for the source; none where the SDK refuses
	 * the AWS files, which issuing refuses before any call: the key is still listed, and
	 * its calls fail as the SDK reads the same files.
	 */
	private SigningProfile profile(CredentialSource source) {
		try {
			return this.sources.caller(source).profile();
		}
		catch (StsCallException refusedFile) {
			return null;
		}
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
