package dev.mfaportal.rotation;

import java.util.Optional;

import dev.mfaportal.sts.SigningProfile;
import dev.mfaportal.sts.StsCaller;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

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
	 * A long-term key pair, and where the calls it signs go.
	 *
	 * @param label the name its owner gave it
	 * @param accessKeyId {@code AKIA…}
	 * @param secretAccessKey its secret, never logged
	 * @param region the region its STS calls are signed for, as issuing signs them; or
	 * {@code null}: the portal's
	 * @param profile the endpoint settings of the profile it comes from, as issuing uses
	 * them; or {@code null} for a key of no profile
	 */
	record KeyPair(String label, String accessKeyId, String secretAccessKey, String region, SigningProfile profile) {

		/** A key of no profile, in the portal's region (team mode's). */
		public KeyPair(String label, String accessKeyId, String secretAccessKey) {
			this(label, accessKeyId, secretAccessKey, null, null);
		}

		/** Another pair in this one's place: same label, region and profile. */
		KeyPair replacedBy(String newAccessKeyId, String newSecretAccessKey) {
			return new KeyPair(this.label, newAccessKeyId, newSecretAccessKey, this.region, this.profile);
		}

		/**
		 * A call for this key, signed by these credentials (the pair's own, a session
		 * made from it, the pair that replaces it): in its region, at the endpoint its
		 * profile names, where issuing sends the calls the key signs.
		 * @param id names the caller
		 * @param credentials signs the call
		 * @param portalRegion the region when the key has none of its own
		 */
		StsCaller caller(String id, AwsCredentials credentials, String portalRegion) {
			return new StsCaller(id, StaticCredentialsProvider.create(credentials),
					(this.region != null) ? this.region : portalRegion, null, this.profile);
		}

		@Override
		public String toString() {
			return "KeyPair[label=" + this.label + ", accessKeyId=" + this.accessKeyId + "]";
		}

	}

}
