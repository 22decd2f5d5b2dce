package dev.mfaportal.rotation;

import java.util.Optional;

import dev.mfaportal.rotation.RotatableKeys.KeyPair;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Whether rotating a key needs an MFA code: not where a session made from that very key
 * is held ({@link HeldSessions}, local mode's session served to terminals), which the
 * rotation then uses. One answer for the rotate form, the check of what it sent, and the
 * rotation itself.
 */
@Service
public class RotationSessions {

	private final ObjectProvider<HeldSessions> held;

	RotationSessions(ObjectProvider<HeldSessions> held) {
		this.held = held;
	}

	/** Whether a session made from this key is held: the rotation asks no code then. */
	public boolean held(KeyPair key) {
		return madeFrom(key).isPresent();
	}

	Optional<HeldSessions.Session> madeFrom(KeyPair key) {
		HeldSessions sessions = this.held.getIfAvailable();
		return (sessions != null) ? sessions.madeFrom(key) : Optional.empty();
	}

}
