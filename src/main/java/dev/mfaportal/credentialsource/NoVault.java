package dev.mfaportal.credentialsource;

import java.util.List;
import java.util.Optional;

/** No vault: nothing listed, nothing stored. */
final class NoVault implements KeyVault {

	static final NoVault INSTANCE = new NoVault();

	private static final VaultState OFF = new VaultState("none", VaultState.Status.OFF, "", "vault.reason.none", "",
			null);

	private NoVault() {
	}

	@Override
	public VaultState state() {
		return OFF;
	}

	@Override
	public List<VaultKey> list() {
		return List.of();
	}

	@Override
	public Optional<LongTermKey> secret(String id) {
		return Optional.empty();
	}

	@Override
	public VaultKey store(String label, LongTermKey pair) {
		throw new VaultException("vault.error.off", "portal.vault.backend=none", null);
	}

	@Override
	public VaultKey replace(String id, LongTermKey pair) {
		throw new VaultException("vault.error.off", "portal.vault.backend=none", null);
	}

	@Override
	public boolean remove(String id) {
		return false;
	}

}
