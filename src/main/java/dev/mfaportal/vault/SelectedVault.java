package dev.mfaportal.vault;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.credentialsource.VaultState.Status;
import dev.mfaportal.vault.VaultSettings.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault that {@code portal.vault.backend} picks. {@code auto} decides without asking
 * any store when it can (a vault file or the keychain marker exists: that store holds the
 * keys) and otherwise at the first use ({@link #choose()}): the keychain when a secret
 * store answers, else the file. Until then nothing is listed and no library of a store is
 * loaded.
 */
class SelectedVault implements KeyVault {

	private static final Logger logger = LoggerFactory.getLogger(SelectedVault.class);

	private final VaultSettings settings;

	private final Clock clock;

	private KeyVault chosen;

	private String whyNotKeychain;

	SelectedVault(VaultSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** What is decided without asking a store; {@code null} while {@code auto} waits. */
	private synchronized KeyVault decided() {
		if (this.chosen == null) {
			Backend backend = this.settings.backend();
			if (backend == Backend.NONE) {
				this.chosen = KeyVault.none();
			}
			else if (backend == Backend.FILE) {
				this.chosen = file();
			}
			else if (backend == Backend.KEYCHAIN || Files.exists(KeychainVault.marker(this.settings.file()))) {
				this.chosen = keychain();
			}
			else if (Files.exists(this.settings.file(), LinkOption.NOFOLLOW_LINKS)) {
				// a dangling link too: the file vault says what is wrong, nothing goes
				// elsewhere
				this.chosen = file();
				this.whyNotKeychain = "a vault file exists at " + this.settings.file();
			}
		}
		return this.chosen;
	}

	/** Decides now, asking the keychain whether it answers where {@code auto} must. */
	synchronized KeyVault choose() {
		if (decided() != null) {
			if (this.chosen instanceof KeychainVault keychain) {
				try {
					keychain.keychain();
				}
				catch (KeychainUnavailable ex) {
					logger.warn("The vault's keychain does not answer: {}", ex.getMessage());
				}
			}
			return this.chosen;
		}
		KeychainVault keychain = keychain();
		try {
			keychain.keychain();
			this.chosen = keychain;
			logger.info("Vault: the OS keychain answers; keys go there (service {})", this.settings.keychainService());
		}
		catch (KeychainUnavailable ex) {
			this.chosen = file();
			this.whyNotKeychain = ex.getMessage();
			logger.info("Vault: the encrypted file {}; not the keychain, because {}", this.settings.file(),
					ex.getMessage());
		}
		return this.chosen;
	}

	/**
	 * Unlocks (or creates) the vault file.
	 * @throws VaultException when the vault is not the file, or as
	 * {@link FileVault#unlock}
	 */
	void unlock(String passphrase, String repeat) {
		if (!(choose() instanceof FileVault file)) {
			throw new VaultException("vault.unlock.notFile", "not the file", null);
		}
		file.unlock(passphrase, repeat);
	}

	/**
	 * The key of this id.
	 * @throws VaultException when there is none, or while the vault is locked or can't be
	 * used (its keys are unknown then: not "no such key")
	 */
	VaultKey key(String id) {
		Optional<VaultKey> key = find(id);
		if (key.isPresent()) {
			return key.get();
		}
		VaultState state = state();
		throw switch (state.status()) {
			case LOCKED -> new VaultException("vault.error.locked", "locked", null);
			case BROKEN -> new VaultException(state.reasonKey(), "unusable", null, state.reason());
			default -> new VaultException("vault.error.gone", "no such key", null);
		};
	}

	/** What the start-up log says, without asking any store. */
	String startupLine() {
		KeyVault decided = decided();
		if (decided == null) {
			return "Vault: auto, not used yet; at the first use the OS keychain if a secret store answers, else the"
					+ " encrypted file " + this.settings.file();
		}
		VaultState state = decided.state();
		return "Vault: " + state.backend() + " " + state.where()
				+ ((this.whyNotKeychain != null) ? "; not the keychain, because " + this.whyNotKeychain : "");
	}

	@Override
	public VaultState state() {
		KeyVault decided = decided();
		if (decided == null) {
			return new VaultState("auto", Status.NEW, this.settings.file().toString(), "vault.reason.undecided", "",
					null);
		}
		String why;
		synchronized (this) {
			why = this.whyNotKeychain;
		}
		return decided.state().withWhyNotKeychain(why);
	}

	@Override
	public List<VaultKey> list() {
		KeyVault decided = decided();
		return (decided != null) ? decided.list() : List.of();
	}

	@Override
	public Optional<LongTermKey> secret(String id) {
		KeyVault decided = decided();
		return (decided != null) ? decided.secret(id) : Optional.empty();
	}

	@Override
	public VaultKey store(String label, LongTermKey pair) {
		return choose().store(label, pair);
	}

	@Override
	public VaultKey replace(String id, LongTermKey pair) {
		return choose().replace(id, pair);
	}

	@Override
	public boolean remove(String id) {
		KeyVault decided = decided();
		return decided != null && decided.remove(id);
	}

	private FileVault file() {
		return new FileVault(this.settings.file(), this.clock);
	}

	private KeychainVault keychain() {
		return new KeychainVault(this.settings.keychainService(), KeychainVault.marker(this.settings.file()),
				this.clock);
	}

}
