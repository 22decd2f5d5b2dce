package dev.mfaportal.credentialsource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vault in memory: what the port promises, for the rules of those who read it (the
 * credential sources, rotation's view of the vault).
 */
public final class InMemoryVault implements KeyVault {

	private final List<VaultKey> keys = new ArrayList<>();

	private final Map<String, LongTermKey> secrets = new HashMap<>();

	@Override
	public VaultState state() {
		return new VaultState("file", VaultState.Status.READY, "memory", null, "", null);
	}

	@Override
	public List<VaultKey> list() {
		return List.copyOf(this.keys);
	}

	@Override
	public Optional<LongTermKey> secret(String id) {
		return Optional.ofNullable(this.secrets.get(id));
	}

	@Override
	public VaultKey store(String label, LongTermKey pair) {
		VaultKey key = new VaultKey("k" + this.keys.size(), label, pair.accessKeyId(), Instant.EPOCH);
		this.keys.add(key);
		this.secrets.put(key.id(), pair);
		return key;
	}

	@Override
	public VaultKey replace(String id, LongTermKey pair) {
		this.secrets.put(id, pair);
		return find(id).orElseThrow();
	}

	@Override
	public boolean remove(String id) {
		this.secrets.remove(id);
		return this.keys.removeIf((k) -> k.id().equals(id));
	}

}
