package dev.mfaportal.rotation;

import java.util.Optional;

/**
 * A store of long-term keys that rotation can read and replace, for the person signed in
 * (or the local owner). Implemented by each store; rotation knows none of them.
 */
public interface RotatableKeys {

	/**
	 * @param id the key's id in the store
	 * @return the key with its secret, for the calls that rotate it; empty when there is
	 * no such key of the current person
	 * @throws KeyStoreUnavailable when the store can't say now (locked, not answering)
	 */
	Optional<KeyPair> find(String id);

	/**
	 * Replaces the pair under the same id and label, atomically: afterwards {@link #find}
	 * gives the new pair, or on failure still the old.
	 * @throws RuntimeException when it could not be stored
	 */
	void replace(String id, KeyPair newPair);

	/**
	 * A long-term key pair.
	 *
	 * @param label the name its owner gave it
	 * @param accessKeyId {@code AKIA…}
	 * @param secretAccessKey its secret, never logged
	 */
	record KeyPair(String label, String accessKeyId, String secretAccessKey) {

		@Override
		public String toString() {
			return "KeyPair[label=" + this.label + ", accessKeyId=" + this.accessKeyId + "]";
		}

	}

}
