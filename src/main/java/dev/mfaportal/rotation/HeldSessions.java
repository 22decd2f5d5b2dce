package dev.mfaportal.rotation;

import java.util.Optional;

import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.StsCaller;

/**
 * An MFA session the portal already holds for a key (local mode's session served to
 * terminals), which a rotation of that key may use for its IAM calls instead of asking a
 * code. Implemented where sessions are held; rotation knows no such place.
 */
public interface HeldSessions {

	/**
	 * @param key the key to rotate
	 * @return the session made from that very key (same key id), while it is held and
	 * unexpired; empty otherwise
	 */
	Optional<Session> madeFrom(KeyPair key);

	/**
	 * A held session.
	 *
	 * @param caller signs with the session's credentials
	 * @param serialNumber the MFA device whose code made it, for the history
	 */
	record Session(StsCaller caller, String serialNumber) {

	}

}
