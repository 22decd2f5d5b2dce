package dev.mfaportal.accesskey;

import java.util.Optional;

import dev.mfaportal.rotation.RotatableKeys;
import dev.mfaportal.security.Actor;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Team mode's stored keys as rotation sees them: the signed-in member's only, by their
 * id; the secret decrypted for the rotation's calls and the new one encrypted in its
 * place.
 */
@Component
@Profile("team")
class StoredRotatableKeys implements RotatableKeys {

	private final StoredAccessKeys keys;

	StoredRotatableKeys(StoredAccessKeys keys) {
		this.keys = keys;
	}

	@Override
	public Optional<KeyPair> find(String id) {
		String owner = Actor.current();
		return StoredKeyCredentialSources.id(StoredKeyCredentialSources.ID_PREFIX + id)
			.flatMap((key) -> this.keys.find(owner, key)
				.flatMap((stored) -> this.keys.resolve(owner, key)
					.map((pair) -> new KeyPair(stored.label(), pair.accessKeyId(), pair.secretAccessKey()))));
	}

	@Override
	public void replace(String id, KeyPair newPair) {
		long key = StoredKeyCredentialSources.id(StoredKeyCredentialSources.ID_PREFIX + id)
			.orElseThrow(() -> new IllegalArgumentException("Not a stored key id"));
		this.keys.replace(Actor.current(), key, newPair.accessKeyId(), newPair.secretAccessKey());
	}

}
