package dev.mfaportal.vault;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState.Status;
import dev.mfaportal.support.SecretService;
import dev.mfaportal.vault.VaultSettings.Backend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real vaults holding one key, each as a start of the portal makes it, that can't be used
 * now: the vault file at the next start (locked), the keychain that listed the key and
 * then fails every call, and the keychain that does not answer since the start. The
 * keychain ones need a {@link SecretService} ({@code SecretServiceExtension}).
 */
final class UnusableVaults {

	/** What a keychain that stopped answering says, as {@link Keychain} words it. */
	static final String KEYCHAIN_FAILURE = "reading failed: org.freedesktop.DBus.Error.NoReply";

	private final Path dir;

	private final LongTermKey pair;

	private final String passphrase;

	private String fileKeyId;

	private String bus;

	UnusableVaults(Path dir, LongTermKey pair, String passphrase) {
		this.dir = dir;
		this.pair = pair;
		this.passphrase = passphrase;
	}

	/**
	 * A vault and the id of its key.
	 *
	 * @param vault the vault
	 * @param keyId its key's id
	 */
	record Arranged(SelectedVault vault, String keyId) {

	}

	/** The vault file, unlocked: usable, for contrast. */
	Arranged ready() {
		SelectedVault vault = fileVault();
		vault.unlock(this.passphrase, this.passphrase);
		return new Arranged(vault, this.fileKeyId);
	}

	/** The vault file as the next start finds it: locked. */
	Arranged locked() {
		SelectedVault restarted = fileVault();
		assertThat(restarted.state().status()).isEqualTo(Status.LOCKED);
		return new Arranged(restarted, this.fileKeyId);
	}

	/**
	 * A start on the vault file, which is made once (a key derived from a passphrase
	 * takes a while); none of these vaults changes it.
	 */
	private synchronized SelectedVault fileVault() {
		VaultSettings settings = new VaultSettings(Backend.FILE, this.dir.resolve("vault"), "unused");
		if (this.fileKeyId == null) {
			SelectedVault first = new SelectedVault(settings, Clock.systemUTC());
			first.unlock(this.passphrase, this.passphrase);
			this.fileKeyId = first.store("work", this.pair).id();
		}
		return new SelectedVault(settings, Clock.systemUTC());
	}

	/** The keychain listed the key, then every call to it fails. */
	Arranged keychainDown() {
		SelectedVault vault = new SelectedVault(keychainSettings(), Clock.systemUTC());
		VaultKey stored = vault.store("work", this.pair);
		assertThat(vault.list()).containsExactly(stored);
		((KeychainVault) vault.choose()).wrapItems((real) -> new KeychainItems() {

			@Override
			public Optional<String> get(String account) throws KeychainUnavailable {
				throw new KeychainUnavailable(KEYCHAIN_FAILURE);
			}

			@Override
			public void set(String account, String value) throws KeychainUnavailable {
				throw new KeychainUnavailable(KEYCHAIN_FAILURE);
			}

			@Override
			public void delete(String account) throws KeychainUnavailable {
				throw new KeychainUnavailable(KEYCHAIN_FAILURE);
			}

		});
		return new Arranged(vault, stored.id());
	}

	/**
	 * The keychain holds the key; the portal starts again where no secret store answers
	 * (a bus that is not there, until {@link #busBack()}).
	 */
	Arranged keychainSilent() {
		VaultSettings settings = keychainSettings();
		String id = new SelectedVault(settings, Clock.systemUTC()).store("work", this.pair).id();
		this.bus = System.getProperty(SecretService.ADDRESS_PROPERTY);
		System.setProperty(SecretService.ADDRESS_PROPERTY, "unix:path=" + this.dir.resolve("no-bus"));
		SelectedVault restarted = new SelectedVault(settings, Clock.systemUTC());
		restarted.choose();
		assertThat(restarted.state().status()).isEqualTo(Status.BROKEN);
		return new Arranged(restarted, id);
	}

	/** The Secret Service answers again, after {@link #keychainSilent()}. */
	void busBack() {
		if (this.bus != null) {
			System.setProperty(SecretService.ADDRESS_PROPERTY, this.bus);
			this.bus = null;
		}
	}

	/** A keychain service and vault folder of its own. */
	private VaultSettings keychainSettings() {
		String service = "mfa-portal-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		return new VaultSettings(Backend.KEYCHAIN, this.dir.resolve(service).resolve("vault"), service);
	}

}
