package dev.mfaportal.vault;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.vault.VaultSettings.Backend;

/**
 * The vault bean of a test's Spring context, handing every call to the real vault of the
 * state under test, chosen per test: a context holds one vault bean, and each state (a
 * locked file, a keychain that fails) is a vault of its own.
 */
final class SwitchedVault extends SelectedVault {

	private SelectedVault current;

	SwitchedVault(Clock clock) {
		super(new VaultSettings(Backend.NONE, Path.of("unused"), "unused"), clock);
	}

	void now(SelectedVault vault) {
		this.current = vault;
	}

	@Override
	synchronized KeyVault choose() {
		return this.current.choose();
	}

	@Override
	void unlock(String passphrase, String repeat) {
		this.current.unlock(passphrase, repeat);
	}

	@Override
	String startupLine() {
		return this.current.startupLine();
	}

	@Override
	public VaultState state() {
		return this.current.state();
	}

	@Override
	public List<VaultKey> list() {
		return this.current.list();
	}

	@Override
	public Optional<VaultKey> find(String id) {
		return this.current.find(id);
	}

	@Override
	public Optional<LongTermKey> secret(String id) {
		return this.current.secret(id);
	}

	@Override
	public VaultKey store(String label, LongTermKey pair) {
		return this.current.store(label, pair);
	}

	@Override
	public VaultKey replace(String id, LongTermKey pair) {
		return this.current.replace(id, pair);
	}

	@Override
	public boolean remove(String id) {
		return this.current.remove(id);
	}

}
