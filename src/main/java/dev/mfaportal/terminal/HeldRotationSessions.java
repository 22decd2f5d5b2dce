package dev.mfaportal.terminal;

import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.rotation.HeldSessions;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;

/**
 * The session held for terminals, offered to the rotation of the vault key that made it:
 * the person typed a code for it already. Only a session from that very key (its label
 * and the key id that signed for it) counts: one from another key, or from the key before
 * a rotation, is another user's or stale.
 */
class HeldRotationSessions implements HeldSessions {

	private final HeldSession held;

	HeldRotationSessions(HeldSession held) {
		this.held = held;
	}

	@Override
	public Optional<Session> madeFrom(KeyPair key) {
		return this.held.current()
			.filter((h) -> h.source().kind() == CredentialSource.Kind.VAULT && h.source().name().equals(key.label())
					&& key.accessKeyId().equals(h.longTermKeyId()))
			.map((h) -> new Session(h.signer(), h.serialNumber()));
	}

}
